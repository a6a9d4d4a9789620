package dev.pairing.streams;

import org.apache.kafka.streams.StreamsConfig;

/** The processing guarantee, as the flag spells it and as Kafka Streams names it. */
public enum Guarantee {
    /** Outputs, state and input offsets in one transaction ({@code exactly_once_v2}). */
    EXACTLY_ONCE("exactly_once", StreamsConfig.EXACTLY_ONCE_V2),
    /** No transactions: outputs may repeat after a crash. */
    AT_LEAST_ONCE("at_least_once", StreamsConfig.AT_LEAST_ONCE);

    private final String flagValue;
    private final String streamsValue;

    Guarantee(String flagValue, String streamsValue) {
        this.flagValue = flagValue;
        this.streamsValue = streamsValue;
    }

    /**
     * The word {@code --guarantee} takes.
     *
     * @return {@code exactly_once} or {@code at_least_once}
     */
    public String flagValue() {
        return flagValue;
    }

    /** The value of {@code processing.guarantee}. */
    public String streamsValue() {
        return streamsValue;
    }

    /** Accepts the flag's words and, for copy-paste from Kafka docs, {@code exactly_once_v2}. */
    public static Guarantee fromFlag(String text) {
        for (Guarantee guarantee : values()) {
            if (guarantee.flagValue.equalsIgnoreCase(text) || guarantee.streamsValue.equalsIgnoreCase(text)) {
                return guarantee;
            }
        }
        throw new IllegalArgumentException("unknown guarantee '" + text + "'");
    }
}
