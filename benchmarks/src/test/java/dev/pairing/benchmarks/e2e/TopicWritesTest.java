package dev.pairing.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pairing.benchmarks.e2e.BrokerOffsets.PartitionLog;
import dev.pairing.benchmarks.e2e.TopicWrites.Kind;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TopicWritesTest {

    private static final RunTopics RUN = RunTopics.fresh("bench-raw", "drain07-streams");

    @Test
    void aRunWritesItsOutputsItsStreamsInternalTopicsAndKafkasCoordinationTopics() {
        assertThat(TopicWrites.kindOf("drain07-streams-enriched", RUN)).hasValue(Kind.OUTPUTS);
        assertThat(TopicWrites.kindOf("drain07-streams-dlq", RUN)).hasValue(Kind.OUTPUTS);
        assertThat(TopicWrites.kindOf("drain07-streams-unpaired", RUN)).hasValue(Kind.OUTPUTS);
        assertThat(TopicWrites.kindOf("drain07-streams-pending-store-changelog", RUN)).hasValue(Kind.CHANGELOGS);
        assertThat(TopicWrites.kindOf("drain07-streams-by-class-repartition", RUN)).hasValue(Kind.REPARTITIONS);
        assertThat(TopicWrites.kindOf("__consumer_offsets", RUN)).hasValue(Kind.KAFKA_INTERNAL);
        assertThat(TopicWrites.kindOf("__transaction_state", RUN)).hasValue(Kind.KAFKA_INTERNAL);
    }

    @Test
    void theRawTopicAndOtherRunsTopicsAreNotThisRunsWrites() {
        assertThat(TopicWrites.kindOf("bench-raw", RUN)).isEmpty();
        assertThat(TopicWrites.kindOf("drain08-streams-enriched", RUN)).isEmpty();
        assertThat(TopicWrites.kindOf("drain07-streams-enriched-other", RUN)).isEmpty();
    }

    @Test
    void writesAreTheGrowthOfEachPartitionBetweenTwoSnapshotsPerKindAndPerInputEvent() {
        Map<TopicPartition, PartitionLog> before = new HashMap<>();
        before.put(tp("bench-raw", 0), new PartitionLog(1_000_000, 40_000_000));
        before.put(tp("__consumer_offsets", 3), new PartitionLog(500, 90_000));
        before.put(tp("__transaction_state", 1), new PartitionLog(100, 10_000));
        Map<TopicPartition, PartitionLog> after = new HashMap<>(before);
        after.put(tp("drain07-streams-enriched", 0), new PartitionLog(300_000, 12_000_000));
        after.put(tp("drain07-streams-enriched", 1), new PartitionLog(190_000, 7_600_000));
        after.put(tp("drain07-streams-dlq", 0), new PartitionLog(10_000, 800_000));
        after.put(tp("drain07-streams-pending-store-changelog", 0), new PartitionLog(40_000, 1_600_000));
        after.put(tp("drain06-flink-enriched", 0), new PartitionLog(999_999, 1));
        after.put(tp("__consumer_offsets", 3), new PartitionLog(800, 80_000));
        after.put(tp("__transaction_state", 1), new PartitionLog(400, 40_000));

        TopicWrites writes = TopicWrites.between(before, after, RUN);

        assertThat(writes.records()).containsEntry(Kind.OUTPUTS, 500_000L).containsEntry(Kind.CHANGELOGS, 40_000L)
                .containsEntry(Kind.KAFKA_INTERNAL, 300L + 300L).doesNotContainKey(Kind.REPARTITIONS);
        // __consumer_offsets shrank (the log cleaner): no bytes, never negative ones
        assertThat(writes.bytes()).containsEntry(Kind.KAFKA_INTERNAL, 30_000L).containsEntry(Kind.OUTPUTS, 20_400_000L);
        assertThat(writes.recordsPerEvent(1_000_000)).isCloseTo(0.54, within(1e-12));
        assertThat(writes.recordsPerEvent(Kind.CHANGELOGS, 1_000_000)).isCloseTo(0.04, within(1e-12));
        assertThat(writes.recordsPerEvent(Kind.REPARTITIONS, 1_000_000)).isZero();
        assertThat(writes.bytesPerEvent(1_000_000)).isCloseTo(22.0, within(1e-12));
    }

    @Test
    void afterARunItsOwnTopicsAreDeletedButNeverKafkasOrTheRawTopic() {
        assertThat(TopicWrites.runTopicsIn(java.util.List.of(tp("drain07-streams-enriched", 0),
                tp("drain07-streams-enriched", 1), tp("drain07-streams-pending-store-changelog", 0),
                tp("__consumer_offsets", 0), tp("bench-raw", 0)), RUN))
                .containsExactly("drain07-streams-enriched", "drain07-streams-pending-store-changelog");
    }

    private static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }
}
