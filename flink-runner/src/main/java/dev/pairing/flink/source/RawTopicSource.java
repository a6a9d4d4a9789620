package dev.pairing.flink.source;

import dev.pairing.core.matching.PendingLimits;
import dev.pairing.flink.PairingJobConfig;
import dev.pairing.runtime.Guarantee;
import dev.pairing.runtime.PipelineSpec;
import java.time.Duration;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The raw topic as a Flink source, and the event-time clock that comes with it.
 *
 * <p>Where it starts: the job's state when it is restored from a checkpoint or savepoint;
 * otherwise the group's committed offsets, or the earliest offset of a partition the group never
 * committed. The source commits offsets when a checkpoint completes, so a resubmitted job goes on
 * where the last one's committed output ends instead of reading the topic again.
 */
public final class RawTopicSource {

    /**
     * A partition that delivers nothing for this long stops holding the watermark back. Without it,
     * a raw partition that no class hashes to would stop every TTL timer forever.
     */
    public static final Duration IDLE_PARTITION_TIMEOUT = Duration.ofSeconds(30);

    private RawTopicSource() {}

    public static KafkaSource<RawRecord> create(PairingJobConfig config) {
        PipelineSpec pipeline = config.pipeline();
        Properties consumer = pipeline.kafkaProperties();
        if (pipeline.guarantee() == Guarantee.EXACTLY_ONCE) {
            // never act on records of a transaction that may still abort
            consumer.setProperty("isolation.level", "read_committed");
        }
        return KafkaSource.<RawRecord>builder()
                .setProperties(consumer)
                .setBootstrapServers(pipeline.bootstrapServers())
                .setTopics(pipeline.rawTopic())
                .setGroupId(pipeline.groupId())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new RawRecordDeserializer())
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
    }

    /**
     * Event time is the raw record's Kafka timestamp (the source attaches it; no assigner needed),
     * tracked per partition. With a TTL the watermark is the smallest partition's latest timestamp:
     * the producer stamps records in order, so per partition timestamps only grow, which is the
     * analogue of Kafka Streams' stream time and what makes timer-driven expiry agree with the
     * matcher's own arrival-driven expiry. Without a TTL nothing waits for event time (the matcher
     * reads each event's own timestamp), so there are no watermarks to track per record and send.
     *
     * @param limits the pipeline's bounds on pending state
     * @return the source's watermark strategy
     */
    public static WatermarkStrategy<RawRecord> eventTime(PendingLimits limits) {
        if (!limits.hasTtl()) {
            return WatermarkStrategy.noWatermarks();
        }
        return WatermarkStrategy.<RawRecord>forMonotonousTimestamps().withIdleness(IDLE_PARTITION_TIMEOUT);
    }
}
