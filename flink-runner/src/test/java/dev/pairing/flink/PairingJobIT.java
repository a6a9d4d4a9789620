package dev.pairing.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pairing.core.PairingOracle;
import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.Pair;
import dev.pairing.flink.source.RawRecord;
import dev.pairing.flink.testing.FailOnceAfterCheckpoint;
import dev.pairing.flink.testing.JobStart;
import dev.pairing.flink.testing.MixedRawInput;
import dev.pairing.flink.testing.OracleCheck;
import dev.pairing.kafka.topics.TopicContract;
import dev.pairing.schemas.avro.NumberPair;
import dev.pairing.schemas.codec.OutputCodec;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.testsupport.LaunchedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on a Flink mini cluster against a real broker: exactly once through a failure,
 * resubmission from the group's committed offsets, and a stop-with-savepoint restart with TTL.
 * Every output is checked against the core's oracle fed the raw topic.
 */
class PairingJobIT {

    private static final int PAIR_SUM = 12;
    private static final int PARTITIONS = 3;
    private static final int PARALLELISM = 2;
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    @RegisterExtension
    static final LaunchedKafka KAFKA = new LaunchedKafka();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(2).setNumberSlotsPerTaskManager(1).build());

    @Test
    void aFailureAfterACheckpointRestartsFromItWithNothingLostOrDuplicated() throws Exception {
        PairingJobConfig config = config("eo", "--maxPendingPerClass", "25");
        assertThat(JobStart.createTopics(config)).as("the job creates its missing topics").hasSize(4);
        try (Admin admin = KAFKA.admin()) {
            ConfigResource dlq = new ConfigResource(ConfigResource.Type.TOPIC, config.pipeline().deadLetterTopic());
            assertThat(admin.describeConfigs(List.of(dlq)).all().get().get(dlq).get("max.message.bytes").value())
                    .as("room for a raw record at the size limit plus its headers")
                    .isEqualTo(Integer.toString(TopicContract.DEAD_LETTER_MAX_MESSAGE_BYTES));
        }
        MixedRawInput input = new MixedRawInput(config.pipeline().rawTopic(), PAIR_SUM, 7, hoursAgo(2));
        KAFKA.produce(input.next(12_000, 3));

        FailOnceAfterCheckpoint.reset();
        PairingJob job = new PairingJob(config);
        StreamExecutionEnvironment env = environment();
        job.configure(env);
        job.attach(job.readRawTopic(env).map(new FailOnceAfterCheckpoint<RawRecord>(2_000))
                .name("failure injector").uid("failure-injector"));
        JobClient client = env.executeAsync("pairing with an injected failure");
        try {
            await().atMost(DEADLINE).until(FailOnceAfterCheckpoint::checkpointCompleted);
            KAFKA.produce(input.next(12_000, 3));

            OracleCheck check = new OracleCheck(PAIR_SUM, config.pipeline().limits(), KAFKA.readCommitted(config.pipeline().rawTopic()), -1);
            assertThat(check.oracle().acceptedCount() + check.expectedDeadLetters()).isEqualTo(24_000);
            List<ConsumerRecord<byte[], byte[]>> enriched = awaitCount(config.pipeline().enrichedTopic(), check.expectedEnriched());
            List<ConsumerRecord<byte[], byte[]>> dead = awaitCount(config.pipeline().deadLetterTopic(), check.expectedDeadLetters());
            List<ConsumerRecord<byte[], byte[]>> unpaired = awaitCount(config.pipeline().unpairedTopic(), check.expectedUnpaired());

            assertThat(FailOnceAfterCheckpoint.failed()).as("the failure was injected").isTrue();
            assertThat(FailOnceAfterCheckpoint.restartsSeen()).as("the job restarted").isGreaterThanOrEqualTo(1);
            assertThat(check.expectedUnpaired()).as("the bound evicted some").isPositive();
            check.assertEnriched(enriched);
            check.assertDeadLetters(dead, config.pipeline().rawTopic());
            check.assertUnpaired(unpaired);
            check.assertLedger(enriched.size(), dead.size(), unpaired.size());
        } finally {
            client.cancel().get();
        }
    }

    @Test
    void aResubmittedJobGoesOnFromTheGroupsCommittedOffsetsInsteadOfRereading() throws Exception {
        PairingJobConfig config = config("resubmit");
        JobStart.createTopics(config);
        MixedRawInput input = new MixedRawInput(config.pipeline().rawTopic(), PAIR_SUM, 11, hoursAgo(2));
        KAFKA.produce(input.next(3_000, 5));
        List<ConsumerRecord<byte[], byte[]>> firstRaw = KAFKA.readCommitted(config.pipeline().rawTopic());
        OracleCheck first = new OracleCheck(PAIR_SUM, config.pipeline().limits(), firstRaw, -1);

        JobClient firstJob = submit(new PairingJob(config));
        awaitCount(config.pipeline().deadLetterTopic(), first.expectedDeadLetters());
        awaitCount(config.pipeline().enrichedTopic(), first.expectedEnriched());
        awaitGroupCommitted(config);
        firstJob.cancel().get();

        KAFKA.produce(input.next(3_000, 5));
        List<ConsumerRecord<byte[], byte[]>> allRaw = KAFKA.readCommitted(config.pipeline().rawTopic());
        OracleCheck all = new OracleCheck(PAIR_SUM, config.pipeline().limits(), allRaw, -1);
        // a job submitted without a savepoint starts with empty state: it pairs only the new records
        PairingOracle second = new PairingOracle(new PairingRules(PAIR_SUM), config.pipeline().limits());
        RawValueCodec codec = new RawValueCodec();
        allRaw.stream().filter(r -> isNew(r, firstRaw))
                .forEach(r -> second.accept(codec.decode(r.value()), r.partition(), r.offset(), r.timestamp()));

        JobClient secondJob = submit(new PairingJob(config));
        try {
            List<ConsumerRecord<byte[], byte[]>> dead = awaitCount(config.pipeline().deadLetterTopic(), all.expectedDeadLetters());
            List<ConsumerRecord<byte[], byte[]>> enriched = awaitCount(config.pipeline().enrichedTopic(),
                    first.expectedEnriched() + second.pairs().size());

            all.assertDeadLetters(dead, config.pipeline().rawTopic());
            List<Pair> expectedPairs = new ArrayList<>(first.oracle().pairs());
            expectedPairs.addAll(second.pairs());
            assertThat(pairs(enriched)).containsExactlyInAnyOrderElementsOf(expectedPairs);
        } finally {
            secondJob.cancel().get();
        }
    }

    @Test
    void stopWithSavepointAndRestoreKeepsPendingNumbersAndTheirTtl(@TempDir Path savepoints) throws Exception {
        PairingJobConfig config = config("savepoint", "--pendingTtl", "2s");
        JobStart.createTopics(config);
        MixedRawInput input = new MixedRawInput(config.pipeline().rawTopic(), PAIR_SUM, 13, hoursAgo(2));
        KAFKA.produce(input.next(3_000, 2));

        JobClient firstJob = submit(new PairingJob(config));
        awaitGroupCommitted(config);
        String savepoint = firstJob.stopWithSavepoint(false, savepoints.toUri().toString(),
                SavepointFormatType.CANONICAL).get();

        KAFKA.produce(input.next(3_000, 2));
        // past every TTL, yet within the broker's default limit on future timestamps (1 h)
        long tick = System.currentTimeMillis() + Duration.ofMinutes(10).toMillis();
        KAFKA.produce(input.clockTicks(PARTITIONS, tick));
        OracleCheck check = new OracleCheck(PAIR_SUM, config.pipeline().limits(), KAFKA.readCommitted(config.pipeline().rawTopic()),
                tick - 1);

        StreamExecutionEnvironment env = environment();
        new PairingJob(config).build(env);
        StreamGraph graph = env.getStreamGraph();
        graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint));
        JobClient secondJob = env.executeAsync(graph);
        try {
            List<ConsumerRecord<byte[], byte[]>> enriched = awaitCount(config.pipeline().enrichedTopic(), check.expectedEnriched());
            List<ConsumerRecord<byte[], byte[]>> dead = awaitCount(config.pipeline().deadLetterTopic(), check.expectedDeadLetters());
            List<ConsumerRecord<byte[], byte[]>> unpaired = awaitCount(config.pipeline().unpairedTopic(), check.expectedUnpaired());

            assertThat(check.oracle().pendingCount()).as("the ticks expire everything").isZero();
            check.assertEnriched(enriched);
            check.assertDeadLetters(dead, config.pipeline().rawTopic());
            check.assertUnpaired(unpaired);
            check.assertLedger(enriched.size(), dead.size(), unpaired.size());
        } finally {
            secondJob.cancel().get();
        }
    }

    @Test
    void rescalingFromSavepointsOneToTwoToOneKeepsEveryPendingNumber(@TempDir Path savepoints) throws Exception {
        PairingJobConfig config = config("rescale");
        JobStart.createTopics(config);
        MixedRawInput input = new MixedRawInput(config.pipeline().rawTopic(), PAIR_SUM, 17, hoursAgo(1));
        String savepointDir = savepoints.toUri().toString();

        KAFKA.produce(input.next(3_000, 2));
        String atOne = runUntilCaughtUpThenSavepoint(config, 1, null, savepointDir);
        Map<Integer, Long> firstBoundary = rawEnds(config);
        KAFKA.produce(input.next(3_000, 2));
        String atTwo = runUntilCaughtUpThenSavepoint(config, 2, atOne, savepointDir);
        Map<Integer, Long> secondBoundary = rawEnds(config);
        KAFKA.produce(input.next(3_000, 2));
        OracleCheck check = new OracleCheck(PAIR_SUM, config.pipeline().limits(), KAFKA.readCommitted(config.pipeline().rawTopic()), -1);

        JobClient backToOne = submit(new PairingJob(config), 1, atTwo);
        try {
            List<ConsumerRecord<byte[], byte[]>> enriched = awaitCount(config.pipeline().enrichedTopic(), check.expectedEnriched());
            List<ConsumerRecord<byte[], byte[]>> dead = awaitCount(config.pipeline().deadLetterTopic(), check.expectedDeadLetters());
            check.assertEnriched(enriched);
            check.assertDeadLetters(dead, config.pipeline().rawTopic());
            check.assertLedger(enriched.size(), dead.size(), KAFKA.readCommitted(config.pipeline().unpairedTopic()).size());
            assertThat(check.oracle().pendingCount()).as("numbers still waiting at the end").isPositive();
            // pairs whose waiting number was held in state across a rescale: the point of the test
            assertThat(crossing(pairs(enriched), firstBoundary)).as("pairs across the rescale 1 -> 2").isPositive();
            assertThat(crossing(pairs(enriched), secondBoundary)).as("pairs across the rescale 2 -> 1").isPositive();
        } finally {
            backToOne.cancel().get();
        }
    }

    private static String runUntilCaughtUpThenSavepoint(PairingJobConfig config, int parallelism, String restoreFrom,
            String savepointDir) throws Exception {
        JobClient job = submit(new PairingJob(config), parallelism, restoreFrom);
        awaitGroupCommitted(config);
        return job.stopWithSavepoint(false, savepointDir, SavepointFormatType.CANONICAL).get();
    }

    private static Map<Integer, Long> rawEnds(PairingJobConfig config) throws Exception {
        try (Admin admin = KAFKA.admin()) {
            Map<TopicPartition, OffsetSpec> latest = java.util.stream.IntStream.range(0, PARTITIONS).boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(config.pipeline().rawTopic(), p), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
        }
    }

    /** Pairs whose first number arrived before {@code boundary} and whose second after it, in one raw partition. */
    private static long crossing(List<Pair> pairs, Map<Integer, Long> boundary) {
        return pairs.stream().filter(pair -> pair.first().partition() == pair.second().partition()
                && pair.first().offset() < boundary.get(pair.first().partition())
                && pair.second().offset() >= boundary.get(pair.second().partition())).count();
    }

    /**
     * Raw timestamps a little in the past, as a producer's would be: far older ones fall to the
     * broker's time-based retention while the test runs.
     */
    private static long hoursAgo(int hours) {
        return System.currentTimeMillis() - Duration.ofHours(hours).toMillis();
    }

    private static PairingJobConfig config(String name, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--bootstrapServers", KAFKA.bootstrapServers(),
                "--rawTopic", "raw-" + name, "--enrichedTopic", "enriched-" + name, "--DLQ", "dlq-" + name,
                "--unpairedTopic", "unpaired-" + name, "--groupId", "group-" + name,
                "--partitions", Integer.toString(PARTITIONS), "--checkpointInterval", "500ms"));
        args.addAll(List.of(extra));
        return JobFlags.parse(args.toArray(String[]::new));
    }

    private static StreamExecutionEnvironment environment() {
        return environment(PARALLELISM);
    }

    private static StreamExecutionEnvironment environment(int parallelism) {
        Configuration restarts = new Configuration();
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(restarts);
        env.setParallelism(parallelism);
        return env;
    }

    /** Submits at {@code parallelism}, restoring from {@code savepoint} unless it is null. */
    private static JobClient submit(PairingJob job, int parallelism, String savepoint) throws Exception {
        StreamExecutionEnvironment env = environment(parallelism);
        job.build(env);
        StreamGraph graph = env.getStreamGraph();
        if (savepoint != null) {
            graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint));
        }
        graph.setJobName("pairing " + job.config().pipeline().rawTopic() + " at parallelism " + parallelism);
        return env.executeAsync(graph);
    }

    private static JobClient submit(PairingJob job) throws Exception {
        StreamExecutionEnvironment env = environment();
        job.build(env);
        return env.executeAsync("pairing " + job.config().pipeline().rawTopic());
    }

    /** Waits until the topic holds at least {@code count} committed records; more would be duplicates. */
    private static List<ConsumerRecord<byte[], byte[]>> awaitCount(String topic, int count)
            throws InterruptedException {
        KAFKA.awaitCommitted(topic, records -> records.size() >= count, DEADLINE);
        List<ConsumerRecord<byte[], byte[]>> records = KAFKA.readCommitted(topic);
        assertThat(records).as(topic + " committed records").hasSize(count);
        return records;
    }

    /** Waits until the job's group has committed the raw topic's end offsets (at a completed checkpoint). */
    private static void awaitGroupCommitted(PairingJobConfig config) {
        try (Admin admin = KAFKA.admin()) {
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(250)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets(config.pipeline().groupId()).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = committed.isEmpty() ? Map.of()
                        : java.util.stream.IntStream.range(0, PARTITIONS).boxed().collect(Collectors.toMap(
                                p -> new TopicPartition(config.pipeline().rawTopic(), p), p -> OffsetSpec.latest()));
                if (latest.isEmpty()) {
                    return false;
                }
                var ends = admin.listOffsets(latest).all().get();
                return ends.entrySet().stream().allMatch(e -> committed.containsKey(e.getKey())
                        && committed.get(e.getKey()).offset() == e.getValue().offset());
            });
        }
    }

    private static boolean isNew(ConsumerRecord<byte[], byte[]> record, List<ConsumerRecord<byte[], byte[]>> before) {
        return before.stream().noneMatch(b -> b.partition() == record.partition() && b.offset() == record.offset());
    }

    private static List<Pair> pairs(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> {
            NumberPair avro = OutputCodec.decodePair(r.value());
            return new Pair(OutputCodec.fromAvro(avro.getFirst()), OutputCodec.fromAvro(avro.getSecond()));
        }).toList();
    }
}
