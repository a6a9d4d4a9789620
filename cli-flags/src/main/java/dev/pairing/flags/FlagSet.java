package dev.pairing.flags;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flags a command accepts, declared once with their defaults and help text. Parsing is strict:
 * an unknown flag, a missing value or a repeated single-valued flag is an error, never ignored.
 * Accepts {@code --name value} and {@code --name=value}.
 */
public final class FlagSet {

    record Declared(String name, String defaultValue, String help, boolean repeatable, boolean required) {}

    /** What every environment variable of a flag starts with. */
    public static final String ENVIRONMENT_PREFIX = "PAIRING_";

    private final String command;
    private final String summary;
    private final Map<String, Declared> flags = new LinkedHashMap<>();

    public FlagSet(String command, String summary) {
        this.command = command;
        this.summary = summary;
    }

    /** A single-valued flag; {@code defaultValue} null means it is optional and unset by default. */
    public FlagSet option(String name, String defaultValue, String help) {
        return add(new Declared(name, defaultValue, help, false, false));
    }

    /** A single-valued flag the user must give. */
    public FlagSet required(String name, String help) {
        return add(new Declared(name, null, help, false, true));
    }

    /**
     * Flags declared once elsewhere (shared by several commands), each with its own default and help.
     *
     * @param shared the flags, in the order the usage lists them
     * @return this set
     */
    public FlagSet add(Flag<?>... shared) {
        for (Flag<?> flag : shared) {
            add(new Declared(flag.name(), flag.defaultValue(), flag.help(), false, false));
        }
        return this;
    }

    /** Whether this command accepts {@code --name}. */
    public boolean declares(String name) {
        return flags.containsKey(name);
    }

    /** The names of the flags it accepts, in the order the usage lists them. */
    public List<String> names() {
        return List.copyOf(flags.keySet());
    }

    /**
     * Accepts every flag {@code other} declares, with its default and help: for a command that
     * passes another command's flags on ({@link ParsedFlags#commandLine(FlagSet)} gives them back).
     */
    public FlagSet include(FlagSet other) {
        other.flags.values().forEach(this::add);
        return this;
    }

    /** A flag that may be given any number of times. */
    public FlagSet repeatable(String name, String help) {
        return add(new Declared(name, null, help, true, false));
    }

    /** Adds the Kafka client flags every command shares: bootstrap servers and pass-through properties. */
    public FlagSet kafkaClient(String defaultBootstrapServers) {
        option("bootstrapServers", defaultBootstrapServers, "Kafka bootstrap servers, host:port[,host:port]");
        repeatable("kafkaProperty", "any Kafka client property as key=value (repeatable), e.g. security.protocol=SASL_SSL");
        option("kafkaConfig", null, "a Kafka client properties file (security settings, ...); flags override it");
        option("schemaRegistry", null, "base URL of a schema registry's Confluent-compatible API, for Avro in "
                + "Confluent's wire format (schema.registry.url; its auth and TLS settings go with the client properties)");
        return this;
    }

    private FlagSet add(Declared flag) {
        if (flags.putIfAbsent(flag.name(), flag) != null) {
            throw new IllegalArgumentException("flag --" + flag.name() + " declared twice");
        }
        return this;
    }

    /**
     * Parses a command line; a flag it does not give is taken from the environment variable
     * {@link #environmentName} when that is set (what a container sets), and else has its default.
     */
    public ParsedFlags parse(String... args) throws UsageException {
        return parse(args, System::getenv);
    }

    /**
     * The environment variable a single-valued flag can be set with: {@code PAIRING_} and the name in
     * upper snake case ({@code --pairSum} is {@code PAIRING_PAIR_SUM}, {@code --DLQ} {@code PAIRING_DLQ}).
     */
    public static String environmentName(String flag) {
        return ENVIRONMENT_PREFIX + flag.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /**
     * Parses a command line against the given environment: what the command line gives wins, a set
     * environment variable comes next, the default last.
     */
    public ParsedFlags parse(String[] args, Function<String, String> environment) throws UsageException {
        Map<String, List<String>> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return ParsedFlags.helpRequested(this);
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "' (flags look like --name value)");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Declared flag = flags.get(name);
            if (flag == null) {
                throw new UsageException("unknown flag --" + name);
            }
            if (value == null) {
                if (i + 1 >= args.length || (args[i + 1].startsWith("--") && args[i + 1].length() > 2)) {
                    throw new UsageException("flag --" + name + " needs a value");
                }
                value = args[++i];
            }
            List<String> values = given.computeIfAbsent(name, n -> new ArrayList<>());
            if (!flag.repeatable() && !values.isEmpty()) {
                throw new UsageException("flag --" + name + " given twice");
            }
            values.add(value);
        }
        Set<String> fromEnvironment = new HashSet<>();
        for (Declared flag : flags.values()) {
            String value = flag.repeatable() || given.containsKey(flag.name()) ? null
                    : environment.apply(environmentName(flag.name()));
            if (value != null && !value.isBlank()) {
                given.put(flag.name(), List.of(value.trim()));
                fromEnvironment.add(flag.name());
            }
        }
        for (Declared flag : flags.values()) {
            if (flag.required() && !given.containsKey(flag.name())) {
                throw new UsageException("missing required flag --" + flag.name());
            }
        }
        return new ParsedFlags(this, given, fromEnvironment);
    }

    /**
     * Parses for a {@code main}: on {@code --help} prints usage and exits 0; on a bad command line
     * prints the error and usage to stderr and exits 2.
     */
    public ParsedFlags parseOrExit(String... args) {
        try {
            ParsedFlags parsed = parse(args);
            if (parsed.helpRequested()) {
                printUsage(System.out);
                System.exit(0);
            }
            return parsed;
        } catch (UsageException e) {
            exitWithUsage(e);
            return null; // unreachable
        }
    }

    /** Prints the error and the usage to stderr and exits 2. */
    public void exitWithUsage(UsageException e) {
        printError(e, System.err);
        System.exit(2);
    }

    /** Prints {@code command: error}, a blank line and the usage. */
    public void printError(UsageException e, PrintStream err) {
        err.println(command + ": " + e.getMessage());
        err.println();
        printUsage(err);
    }

    /** The command's name, as its usage and its errors begin. */
    public String command() {
        return command;
    }

    Declared flag(String name) {
        Declared flag = flags.get(name);
        if (flag == null) {
            throw new IllegalArgumentException("no flag --" + name + " is declared");
        }
        return flag;
    }

    public void printUsage(PrintStream out) {
        out.println("Usage: " + command + " [flags]");
        out.println(summary);
        out.println();
        int width = flags.keySet().stream().mapToInt(String::length).max().orElse(0) + 4;
        for (Declared flag : flags.values()) {
            StringBuilder line = new StringBuilder("  --").append(flag.name());
            line.append(" ".repeat(Math.max(1, width - flag.name().length())));
            line.append(flag.help());
            if (flag.required()) {
                line.append(" (required)");
            } else if (flag.defaultValue() != null) {
                line.append(" (default: ").append(flag.defaultValue()).append(')');
            }
            out.println(line);
        }
        out.println("  --help" + " ".repeat(Math.max(1, width - 4)) + "show this help");
        out.println("A flag not given is read from " + ENVIRONMENT_PREFIX + "<NAME> when set, e.g. "
                + environmentName(flags.keySet().stream().filter(n -> !flags.get(n).repeatable()).findFirst()
                        .orElse("pairSum")) + "; the command line wins.");
    }
}
