package dev.pairing.flink.classify;

import dev.pairing.schemas.deadletter.DeadLetter;

/**
 * A rejected raw record on its way to the dead-letter topic: its key and value bytes exactly as
 * they arrived, and why and where it was rejected (which becomes the record's headers).
 */
public record DeadLetterRecord(byte[] key, byte[] value, DeadLetter deadLetter) {}
