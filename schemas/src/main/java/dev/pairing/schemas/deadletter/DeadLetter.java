package dev.pairing.schemas.deadletter;

import dev.pairing.core.validation.RejectReason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * Why a raw record was rejected and where it was. The dead-letter record itself keeps the raw key
 * and value bytes untouched; this travels in its headers.
 */
public record DeadLetter(RejectReason reason, String detail, String topic, int partition, long offset,
        long timestamp) {

    /** One header, engine-neutral: runners copy these into their Kafka record. */
    public record Header(String name, byte[] value) {}

    public List<Header> headers() {
        return List.of(
                header(DeadLetterHeaders.REASON, reason.name()),
                header(DeadLetterHeaders.DETAIL, detail),
                header(DeadLetterHeaders.TOPIC, topic),
                header(DeadLetterHeaders.PARTITION, Integer.toString(partition)),
                header(DeadLetterHeaders.OFFSET, Long.toString(offset)),
                header(DeadLetterHeaders.TIMESTAMP, Long.toString(timestamp)));
    }

    /**
     * Reads the headers back.
     *
     * @param lastHeader the value of the named header, or null when the record lacks it
     * @throws IllegalArgumentException when a header is missing or unreadable
     */
    public static DeadLetter fromHeaders(Function<String, byte[]> lastHeader) {
        try {
            return new DeadLetter(
                    RejectReason.valueOf(text(lastHeader, DeadLetterHeaders.REASON)),
                    text(lastHeader, DeadLetterHeaders.DETAIL),
                    text(lastHeader, DeadLetterHeaders.TOPIC),
                    Integer.parseInt(text(lastHeader, DeadLetterHeaders.PARTITION)),
                    Long.parseLong(text(lastHeader, DeadLetterHeaders.OFFSET)),
                    Long.parseLong(text(lastHeader, DeadLetterHeaders.TIMESTAMP)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unreadable dead-letter header: " + e.getMessage(), e);
        }
    }

    private static Header header(String name, String value) {
        return new Header(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Function<String, byte[]> lastHeader, String name) {
        byte[] value = lastHeader.apply(name);
        if (value == null) {
            throw new IllegalArgumentException("dead-letter header " + name + " is missing");
        }
        return new String(value, StandardCharsets.UTF_8);
    }
}
