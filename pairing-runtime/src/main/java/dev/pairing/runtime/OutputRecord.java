package dev.pairing.runtime;

import dev.pairing.schemas.deadletter.DeadLetter;
import java.util.List;

/**
 * One record a runner writes, engine-neutral: each runner turns it into its engine's record
 * (a Kafka Streams {@code Record}, a {@code ProducerRecord} for Flink's sink) without deciding
 * anything about it. The partition is always left to Kafka's default partitioner, which keeps a
 * class in one partition of every output topic.
 *
 * @param key       the record key (the complement class for pairs and unpaired records, the raw key
 *                  for dead letters)
 * @param value     the encoded value
 * @param timestamp the record timestamp, epoch millis
 * @param headers   the headers, in order (none for pairs and unpaired records)
 */
public record OutputRecord(byte[] key, byte[] value, long timestamp, List<DeadLetter.Header> headers) {}
