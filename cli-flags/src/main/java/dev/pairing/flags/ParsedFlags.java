package dev.pairing.flags;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsed flag values with typed, checked accessors: a bad value names its flag. */
public final class ParsedFlags {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

    private final FlagSet set;
    private final Map<String, List<String>> given;
    private final Set<String> fromEnvironment;
    private final boolean help;

    ParsedFlags(FlagSet set, Map<String, List<String>> given, Set<String> fromEnvironment) {
        this(set, given, fromEnvironment, false);
    }

    private ParsedFlags(FlagSet set, Map<String, List<String>> given, Set<String> fromEnvironment, boolean help) {
        this.set = set;
        this.given = given;
        this.fromEnvironment = fromEnvironment;
        this.help = help;
    }

    /** A command line that gives nothing but declares {@code flag}: its default, read by its rule. */
    public static ParsedFlags defaultsOf(Flag<?> flag) {
        return new ParsedFlags(new FlagSet("--" + flag.name(), "").add(flag), Map.of(), Set.of());
    }

    static ParsedFlags helpRequested(FlagSet set) {
        return new ParsedFlags(set, Map.of(), Set.of(), true);
    }

    public boolean helpRequested() {
        return help;
    }

    /** Whether the command declares {@code --name} at all (a shared reader may meet a command that does not). */
    public boolean declares(String name) {
        return set.declares(name);
    }

    /** The value of a shared flag, read by its own rule. */
    public <T> T get(Flag<T> flag) throws UsageException {
        return flag.from(this);
    }

    /** Whether the value came from the flag's environment variable rather than the command line. */
    public boolean fromEnvironment(String name) {
        return fromEnvironment.contains(name);
    }

    /** How an error names the flag: {@code --name}, and where its value came from when not the command line. */
    private String label(String name) {
        return "--" + name + (fromEnvironment.contains(name) ? " (from " + FlagSet.environmentName(name) + ")" : "");
    }

    /** Whether the user gave the flag (rather than relying on its default). */
    public boolean isSet(String name) {
        set.flag(name);
        return given.containsKey(name);
    }

    /** The value, or the default, or null for an unset optional flag. */
    public String string(String name) {
        FlagSet.Declared flag = set.flag(name);
        List<String> values = given.get(name);
        return values == null ? flag.defaultValue() : values.get(0);
    }

    /**
     * The flags the user gave that {@code other} declares, rendered again as {@code --name value} in
     * the order given (a repeated flag once per value): what to pass on to the command {@code other}
     * describes, which then applies its own defaults to the rest.
     */
    public List<String> commandLine(FlagSet other) {
        List<String> args = new ArrayList<>();
        given.forEach((name, values) -> {
            if (other.declares(name)) {
                values.forEach(value -> {
                    args.add("--" + name);
                    args.add(value);
                });
            }
        });
        return args;
    }

    public List<String> strings(String name) {
        set.flag(name);
        return given.getOrDefault(name, List.of());
    }

    public int intValue(String name, int min, int max) throws UsageException {
        long value = longValue(name, min, max);
        return (int) value;
    }

    public long longValue(String name, long min, long max) throws UsageException {
        String text = string(name);
        long value;
        try {
            value = Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException | NullPointerException e) {
            throw new UsageException(label(name) + " must be a whole number, got '" + text + "'");
        }
        if (value < min || value > max) {
            throw new UsageException(label(name) + " must be within " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    public double doubleValue(String name, double min, double max) throws UsageException {
        String text = string(name);
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException | NullPointerException e) {
            throw new UsageException(label(name) + " must be a number, got '" + text + "'");
        }
        if (!(value >= min && value <= max)) {
            throw new UsageException(label(name) + " must be within " + min + ".." + max + ", got " + text);
        }
        return value;
    }

    /** A duration such as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}; a bare number is milliseconds. */
    public Duration duration(String name) throws UsageException {
        String text = string(name);
        Matcher m = text == null ? null : DURATION.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new UsageException(label(name) + " must be a duration like 500ms, 30s, 5m, 2h or 1d, got '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** One of the allowed words, case-insensitive, returned in lower case. */
    public String choice(String name, String... allowed) throws UsageException {
        String text = string(name);
        for (String option : allowed) {
            if (option.equalsIgnoreCase(text)) {
                return option;
            }
        }
        throw new UsageException(label(name) + " must be one of " + String.join(", ", allowed) + ", got '" + text + "'");
    }
}
