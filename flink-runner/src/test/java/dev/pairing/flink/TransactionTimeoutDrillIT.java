package dev.pairing.flink;

import dev.pairing.flink.testing.JobStart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pairing.flink.sink.LostTransactionException;
import dev.pairing.flink.source.RawRecord;
import dev.pairing.flink.testing.CheckpointWatch;
import dev.pairing.flink.testing.HangAfterCheckpoint;
import dev.pairing.flink.testing.MixedRawInput;
import dev.pairing.flink.testing.OracleCheck;
import dev.pairing.schemas.deadletter.DeadLetter;
import dev.pairing.testsupport.LaunchedKafka;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The drill of issue 15's first defect: a checkpoint completes, the job fails before its sink
 * commits that checkpoint's transaction, and stays down longer than a deliberately short
 * {@code transaction.timeout.ms}, so the broker aborts the transaction. The recovered job must fail
 * for good, naming the transaction, instead of going on with a gap; and the gap must be exactly that
 * transaction's dead letters: every dead letter for the input the checkpoint covers is committed,
 * except the ones the aborted transaction held.
 *
 * <p>The job has one sink for all outputs, behind the matcher; the drill runs it at parallelism 1,
 * where everything behind the outage is one chain, so holding the outage's task holds the sink's.
 * At a higher parallelism the sink sits behind the keyed shuffle, in a task the outage cannot hold.
 */
class TransactionTimeoutDrillIT {

    private static final int PAIR_SUM = 12;
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    /** Well within one network buffer (Flink's default 32 KiB), key and metadata included. */
    private static final int MAX_RECORD_BYTES = 16 * 1024;

    @RegisterExtension
    static final LaunchedKafka KAFKA = new LaunchedKafka();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void aJobDownLongerThanTheTransactionTimeoutFailsLoudlyAndTheGapIsExactlyTheAbortedTransaction()
            throws Exception {
        PairingJobConfig config = JobFlags.parse("--bootstrapServers", KAFKA.bootstrapServers(), "--groupId", "drill",
                "--rawTopic", "raw-drill", "--enrichedTopic", "enriched-drill", "--DLQ", "dlq-drill",
                "--unpairedTopic", "unpaired-drill", "--checkpointInterval", "3s",
                "--kafkaProperty", "transaction.timeout.ms=6000");
        JobStart.createTopics(config);
        MixedRawInput input = new MixedRawInput(config.pipeline().rawTopic(), PAIR_SUM, 15, System.currentTimeMillis() - 3_600_000);
        KAFKA.produce(withinABuffer(input.next(20_000, 1)));

        CheckpointWatch.reset();
        HangAfterCheckpoint.reset();
        PairingJob job = new PairingJob(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        job.configure(env);
        // the watch shares the source's task; the held task is the one with the sink (the rest of the chain)
        job.attach(job.readRawTopic(env).map(new CheckpointWatch()).name("checkpoint watch")
                .uid("checkpoint-watch").map(new HangAfterCheckpoint<RawRecord>()).name("outage").uid("outage")
                .startNewChain());
        JobClient client = env.executeAsync("pairing through an outage longer than the transaction timeout");

        // Records keep arriving until a task is held, so the held task meets its next record right
        // after the checkpoint, before it hears that the checkpoint completed. With all input sent
        // up front, a fast machine drained it first, the idle task committed the transaction, and
        // the drill waited in vain for the broker to abort it.
        Thread feeder = new Thread(() -> {
            while (!HangAfterCheckpoint.holding() && !Thread.currentThread().isInterrupted()) {
                KAFKA.produce(withinABuffer(input.next(200, 1)));
            }
        }, "drill-feeder");
        feeder.start();
        try {
            await().atMost(DEADLINE).until(HangAfterCheckpoint::holding);
        } finally {
            feeder.interrupt();
            feeder.join(DEADLINE.toMillis());
        }
        long checkpoint = HangAfterCheckpoint.heldAfter();
        await().atMost(DEADLINE).until(() -> CheckpointWatch.completed() >= checkpoint);
        // the one sink writes under the pairs' prefix of the versions before it (see OutputSinks.outputs)
        String lost = config.transactionalIdPrefix("enriched") + "-" + HangAfterCheckpoint.heldSubtask() + "-" + checkpoint;
        awaitAbortedByTheBroker(lost);
        HangAfterCheckpoint.release();

        assertThatThrownBy(() -> client.getJobExecutionResult().get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                .as("the recovered job ends FAILED instead of going on")
                .satisfies(failure -> assertThat(ExceptionUtils.findThrowable(failure, LostTransactionException.class))
                        .as("the cause it names").hasValueSatisfying(cause -> assertThat(cause.getMessage())
                                .contains("output LOST", lost, config.pipeline().deadLetterTopic(), "CompleteAbort")));

        // what the checkpoint covers: the raw records a restore from it skips
        Map<Integer, Long> covered = CheckpointWatch.coveredBy(checkpoint);
        assertThat(covered).as("input checkpoint %d covers", checkpoint).isNotEmpty();
        List<ConsumerRecord<byte[], byte[]>> raw = KAFKA.readCommitted(config.pipeline().rawTopic()).stream()
                .filter(r -> r.offset() < covered.getOrDefault(r.partition(), 0L))
                .toList();
        OracleCheck check = new OracleCheck(PAIR_SUM, config.pipeline().limits(), raw, -1);
        Set<String> expected = check.oracle().rejections().stream().map(r -> r.partition() + "@" + r.offset())
                .collect(Collectors.toSet());
        Set<String> committed = places(KAFKA.readCommitted(config.pipeline().deadLetterTopic()));
        Set<String> aborted = places(readUncommitted(config.pipeline().deadLetterTopic()));
        aborted.removeAll(committed);

        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(committed);
        aborted.retainAll(expected);
        assertThat(missing).as("dead letters the checkpoint's input needs but the topic lacks").isNotEmpty()
                .isEqualTo(aborted);
        assertThat(expected).as("nothing else is missing or extra").containsAll(committed);
    }

    /**
     * The records without the 1 MB garbage the mix has now and then. A record larger than a network
     * buffer (32 KiB) blocks the source's task thread inside the write while the held task takes no
     * buffers, so that task never hears that the checkpoint completed and the drill waits in vain
     * (a thread dump showed it parked in {@code LocalBufferPool.requestMemorySegmentBlocking}).
     * Smaller records wait for a buffer in the task's mailbox, which still takes the notification.
     */
    private static List<ProducerRecord<byte[], byte[]>> withinABuffer(List<ProducerRecord<byte[], byte[]>> records) {
        return records.stream().filter(r -> r.value() == null || r.value().length < MAX_RECORD_BYTES).toList();
    }

    private static void awaitAbortedByTheBroker(String transactionalId) {
        try (Admin admin = KAFKA.admin()) {
            // the broker looks for expired transactions every 10 s by default
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                    admin.describeTransactions(List.of(transactionalId)).all().get().get(transactionalId).state()
                            == TransactionState.COMPLETE_ABORT);
        }
    }

    /** Dead letters' raw places ({@code partition@offset}). */
    private static Set<String> places(List<ConsumerRecord<byte[], byte[]>> deadLetters) {
        Set<String> places = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : deadLetters) {
            DeadLetter letter = DeadLetter.fromHeaders(name -> {
                Header header = record.headers().lastHeader(name);
                return header == null ? null : header.value();
            });
            places.add(letter.partition() + "@" + letter.offset());
        }
        return places;
    }

    /** Everything written to the topic, aborted transactions included. */
    private static List<ConsumerRecord<byte[], byte[]>> readUncommitted(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new java.util.ArrayList<>();
            await().atMost(DEADLINE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
            return records;
        }
    }
}
