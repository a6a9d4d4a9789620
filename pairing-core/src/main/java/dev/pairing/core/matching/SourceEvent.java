package dev.pairing.core.matching;

/**
 * A valid number and where it came from in the raw topic: the provenance every pair and unpaired
 * record carries, so any output can be traced back to its input.
 *
 * @param value     the number, valid for the pairSum it was accepted under
 * @param partition the raw record's partition
 * @param offset    the raw record's offset
 * @param timestamp the raw record's timestamp (epoch millis): event time for the pending TTL
 * @param sequence  the producer's sequence number, or null when the record had none
 */
public record SourceEvent(long value, int partition, long offset, long timestamp, Long sequence) {}
