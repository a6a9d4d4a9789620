package dev.pairing.runtime;

import java.util.Locale;

/**
 * The processing guarantee a runner is asked for, the same word on every engine. Each runner maps it
 * to its engine's settings (Kafka Streams' {@code processing.guarantee}, Flink's checkpointing mode
 * and sink delivery guarantee).
 */
public enum Guarantee {
    /** Outputs, state and input positions commit together: every raw record is accounted for once. */
    EXACTLY_ONCE,
    /** No transactions: nothing is lost, but outputs may repeat after a crash. */
    AT_LEAST_ONCE;

    /**
     * The word {@code --guarantee} takes.
     *
     * @return {@code exactly_once} or {@code at_least_once}
     */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The guarantee a word names: the flag's words, case-insensitive, and Kafka Streams' own
     * {@code exactly_once_v2}, which users copy from Kafka's documentation.
     *
     * @param word what the user wrote
     * @return the guarantee
     * @throws IllegalArgumentException for any other word
     */
    public static Guarantee fromFlag(String word) {
        String text = word == null ? "" : word.trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "exactly_once", "exactly_once_v2" -> EXACTLY_ONCE;
            case "at_least_once" -> AT_LEAST_ONCE;
            default -> throw new IllegalArgumentException(
                    "--guarantee must be exactly_once or at_least_once, got '" + word + "'");
        };
    }
}
