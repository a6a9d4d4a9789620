package dev.pairing.verify;

import java.util.function.Function;

/**
 * One record as read from a topic, with just what the checks look at.
 *
 * @param lastHeader the value of the last header with a name, or null
 */
public record TopicRecord(int partition, long offset, long timestamp, byte[] key, byte[] value,
        Function<String, byte[]> lastHeader) {

    /** Where the record is, as people read it: {@code p1@42}. */
    public String position() {
        return "p" + partition + "@" + offset;
    }
}
