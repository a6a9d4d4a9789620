package dev.pairing.testkit.streams;

import dev.pairing.schemas.deadletter.DeadLetter;

/**
 * A record on the dead-letter topic: the raw record's key and value bytes as they arrived (or cut
 * to fit the topic, see schemas/README.md's dead letters) and why and where it was rejected.
 *
 * @param key        the raw record's key, or null
 * @param value      the raw record's value, or null for a tombstone
 * @param timestamp  the raw record's timestamp
 * @param deadLetter the reason and the raw record's place, read from the headers
 */
public record RejectedRecord(byte[] key, byte[] value, long timestamp, DeadLetter deadLetter) {}
