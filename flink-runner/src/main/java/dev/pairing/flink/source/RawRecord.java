package dev.pairing.flink.source;

/**
 * A raw-topic record as Kafka delivered it, before anything is decoded: the bytes stay untouched
 * so a rejected record reaches the dead-letter topic exactly as it arrived.
 *
 * @param key   the record key, or null
 * @param value the record value, or null for a tombstone
 */
public record RawRecord(byte[] key, byte[] value, int partition, long offset, long timestamp) {}
