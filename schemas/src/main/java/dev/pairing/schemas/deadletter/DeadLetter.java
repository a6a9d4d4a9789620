package dev.pairing.schemas.deadletter;

import dev.pairing.core.validation.RejectReason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Why a raw record was rejected and where it was. The dead-letter record itself keeps the raw key
 * and value bytes untouched; this travels in its headers.
 *
 * <p>The detail is cut to {@link #MAX_DETAIL_BYTES}: its text may come from outside (a schema's
 * name, a library's message), and the headers must always leave room in {@link DeadLetterFit}'s
 * smallest limit. Kafka bounds a topic name at 249 characters itself.
 *
 * @param schemaId the schema id of a Confluent-framed record that needs a registry, or null
 */
public record DeadLetter(RejectReason reason, String detail, String topic, int partition, long offset,
        long timestamp, Integer schemaId) {

    /** The most UTF-8 bytes of a detail; a longer one keeps its start and ends in {@link #CUT_MARK}. */
    public static final int MAX_DETAIL_BYTES = 1024;
    static final String CUT_MARK = "... (cut)";

    /** One header, engine-neutral: runners copy these into their Kafka record. */
    public record Header(String name, byte[] value) {}

    public DeadLetter {
        detail = bounded(detail);
    }

    public DeadLetter(RejectReason reason, String detail, String topic, int partition, long offset, long timestamp) {
        this(reason, detail, topic, partition, offset, timestamp, null);
    }

    public List<Header> headers() {
        List<Header> headers = new ArrayList<>(7);
        headers.add(header(DeadLetterHeaders.REASON, reason.name()));
        headers.add(header(DeadLetterHeaders.DETAIL, detail));
        headers.add(header(DeadLetterHeaders.TOPIC, topic));
        headers.add(header(DeadLetterHeaders.PARTITION, Integer.toString(partition)));
        headers.add(header(DeadLetterHeaders.OFFSET, Long.toString(offset)));
        headers.add(header(DeadLetterHeaders.TIMESTAMP, Long.toString(timestamp)));
        if (schemaId != null) {
            headers.add(header(DeadLetterHeaders.SCHEMA_ID, Integer.toString(schemaId)));
        }
        return List.copyOf(headers);
    }

    /**
     * Reads the headers back.
     *
     * @param lastHeader the value of the named header, or null when the record lacks it
     * @throws IllegalArgumentException when a header is missing or unreadable
     */
    public static DeadLetter fromHeaders(Function<String, byte[]> lastHeader) {
        try {
            byte[] schemaId = lastHeader.apply(DeadLetterHeaders.SCHEMA_ID);
            return new DeadLetter(
                    RejectReason.valueOf(text(lastHeader, DeadLetterHeaders.REASON)),
                    text(lastHeader, DeadLetterHeaders.DETAIL),
                    text(lastHeader, DeadLetterHeaders.TOPIC),
                    Integer.parseInt(text(lastHeader, DeadLetterHeaders.PARTITION)),
                    Long.parseLong(text(lastHeader, DeadLetterHeaders.OFFSET)),
                    Long.parseLong(text(lastHeader, DeadLetterHeaders.TIMESTAMP)),
                    schemaId == null ? null : Integer.valueOf(new String(schemaId, StandardCharsets.UTF_8)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unreadable dead-letter header: " + e.getMessage(), e);
        }
    }

    /** The detail whole when it fits, else its longest start that fits with the mark, cut between characters. */
    static String bounded(String detail) {
        if (detail == null) {
            return "";
        }
        byte[] bytes = detail.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_DETAIL_BYTES) {
            return detail;
        }
        int room = MAX_DETAIL_BYTES - CUT_MARK.length();
        int end = room;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // not inside a multi-byte character
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8) + CUT_MARK;
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
