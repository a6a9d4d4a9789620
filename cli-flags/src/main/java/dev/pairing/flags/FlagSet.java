package dev.pairing.flags;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flags a command accepts, declared once with their defaults and help text. Parsing is strict:
 * an unknown flag, a missing value or a repeated single-valued flag is an error, never ignored.
 * Accepts {@code --name value} and {@code --name=value}.
 */
public final class FlagSet {

    record Flag(String name, String defaultValue, String help, boolean repeatable, boolean required) {}

    private final String command;
    private final String summary;
    private final Map<String, Flag> flags = new LinkedHashMap<>();

    public FlagSet(String command, String summary) {
        this.command = command;
        this.summary = summary;
    }

    /** A single-valued flag; {@code defaultValue} null means it is optional and unset by default. */
    public FlagSet option(String name, String defaultValue, String help) {
        return add(new Flag(name, defaultValue, help, false, false));
    }

    /** A single-valued flag the user must give. */
    public FlagSet required(String name, String help) {
        return add(new Flag(name, null, help, false, true));
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
        return add(new Flag(name, null, help, true, false));
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

    private FlagSet add(Flag flag) {
        if (flags.putIfAbsent(flag.name(), flag) != null) {
            throw new IllegalArgumentException("flag --" + flag.name() + " declared twice");
        }
        return this;
    }

    public ParsedFlags parse(String... args) throws UsageException {
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
            Flag flag = flags.get(name);
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
        for (Flag flag : flags.values()) {
            if (flag.required() && !given.containsKey(flag.name())) {
                throw new UsageException("missing required flag --" + flag.name());
            }
        }
        return new ParsedFlags(this, given);
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
        System.err.println(command + ": " + e.getMessage());
        System.err.println();
        printUsage(System.err);
        System.exit(2);
    }

    Flag flag(String name) {
        Flag flag = flags.get(name);
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
        for (Flag flag : flags.values()) {
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
    }
}
