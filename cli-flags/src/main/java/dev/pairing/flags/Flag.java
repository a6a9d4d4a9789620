package dev.pairing.flags;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;

/**
 * One flag declared once, with its name, default, help text and the one way its value is read
 * (range, unit, allowed words). A flag that several commands share is a constant somewhere below
 * them, and each command adds it to its {@link FlagSet}: its bounds and its help cannot drift apart.
 *
 * @param <T> what the flag's value is read as
 */
public final class Flag<T> {

    /** How a flag's text becomes its value; a bad text is a {@link UsageException} naming the flag. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(ParsedFlags flags, String name) throws UsageException;
    }

    private final String name;
    private final String defaultValue;
    private final String help;
    private final Reader<T> reader;

    private Flag(String name, String defaultValue, String help, Reader<T> reader) {
        this.name = Objects.requireNonNull(name, "name");
        this.defaultValue = defaultValue;
        this.help = Objects.requireNonNull(help, "help");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /** A whole number within {@code min..max}; the range is part of the help. */
    public static Flag<Integer> integer(String name, int defaultValue, int min, int max, String help) {
        return new Flag<>(name, Integer.toString(defaultValue), help + " (" + min + ".." + max + ")",
                (flags, n) -> flags.intValue(n, min, max));
    }

    /** A whole number within {@code min..max}, unset by default (the reader then gives null). */
    public static Flag<Integer> optionalInteger(String name, int min, int max, String help) {
        return new Flag<>(name, null, help + " (" + min + ".." + max + ")",
                (flags, n) -> flags.isSet(n) ? flags.intValue(n, min, max) : null);
    }

    /** A whole number within {@code min..max}. */
    public static Flag<Long> wholeNumber(String name, long defaultValue, long min, long max, String help) {
        return new Flag<>(name, Long.toString(defaultValue), help, (flags, n) -> flags.longValue(n, min, max));
    }

    /** A duration such as {@code 500ms}, {@code 30s} or {@code 5m} (see {@link ParsedFlags#duration}). */
    public static Flag<Duration> duration(String name, String defaultValue, String help) {
        return new Flag<>(name, defaultValue, help, ParsedFlags::duration);
    }

    /** {@code true} or {@code false}, nothing else. */
    public static Flag<Boolean> bool(String name, boolean defaultValue, String help) {
        return new Flag<>(name, Boolean.toString(defaultValue), help,
                (flags, n) -> Boolean.parseBoolean(flags.choice(n, "true", "false")));
    }

    /** A non-blank word, trimmed: a name (of a topic, a group, a directory). */
    public static Flag<String> name(String name, String defaultValue, String help) {
        return new Flag<>(name, defaultValue, help, (flags, n) -> {
            String value = flags.string(n);
            if (value == null || value.isBlank()) {
                throw new UsageException("--" + n + " must not be empty");
            }
            return value.trim();
        });
    }

    /** Free text, unset by default (the reader then gives null). */
    public static Flag<String> optionalText(String name, String help) {
        return new Flag<>(name, null, help, ParsedFlags::string);
    }

    /** One of an enum's values, spelled as {@code spelling} gives them (case-insensitive on input). */
    public static <E extends Enum<E>> Flag<E> choice(String name, E defaultValue, Function<E, String> spelling,
            String help) {
        E[] values = defaultValue.getDeclaringClass().getEnumConstants();
        String[] words = Arrays.stream(values).map(spelling).toArray(String[]::new);
        return new Flag<>(name, spelling.apply(defaultValue), help, (flags, n) -> {
            String chosen = flags.choice(n, words);
            return Arrays.stream(values).filter(v -> spelling.apply(v).equals(chosen)).findFirst().orElseThrow();
        });
    }

    /** A flag read by a reader of the caller's own, for values no factory above covers. */
    public static <T> Flag<T> of(String name, String defaultValue, String help, Reader<T> reader) {
        return new Flag<>(name, defaultValue, help, reader);
    }

    /**
     * The same flag with another default: what one command defaults to where another differs
     * (a group id per runner), with the same name, help and bounds.
     */
    public Flag<T> withDefault(String newDefault) {
        return new Flag<>(name, newDefault, help, reader);
    }

    /** The same flag, its help text replaced: for a command that gives it a narrower meaning. */
    public Flag<T> withHelp(String newHelp) {
        return new Flag<>(name, defaultValue, newHelp, reader);
    }

    /**
     * The value on a parsed command line: the given text, or the default, read by this flag's rule.
     *
     * @throws UsageException when the text does not fit the rule, naming the flag
     */
    public T from(ParsedFlags flags) throws UsageException {
        return reader.read(flags, name);
    }

    public String name() {
        return name;
    }

    /** The default as a command line would spell it, or null when the flag is unset by default. */
    public String defaultValue() {
        return defaultValue;
    }

    public String help() {
        return help;
    }

    /** The value as a command line spells it: {@code --name value}. */
    public String[] render(String value) {
        return new String[] {"--" + name, value};
    }

    @Override
    public String toString() {
        return "--" + name;
    }
}
