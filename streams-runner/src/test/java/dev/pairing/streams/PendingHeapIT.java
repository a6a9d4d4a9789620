package dev.pairing.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.runner.RunnerFlags;
import dev.pairing.launcher.runner.StreamsRunnerProcess;
import dev.pairing.runtime.PipelineSpec;
import dev.pairing.schemas.codec.ComplementClassKey;
import dev.pairing.schemas.codec.OutputCodec;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.testsupport.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 27, item 4: a runner JVM with a small heap, and more numbers waiting than that heap could
 * hold. The pending store must keep them in the store, not on the heap: the runner processes them,
 * stops, starts again on the same state and pairs every one of them.
 */
class PendingHeapIT {

    @RegisterExtension
    static final EmbeddedKafka kafka = new EmbeddedKafka();

    /** Per class, two classes: about 95 MB of events on the heap if each were held there, against a 128 MB heap. */
    private static final int WAITING = 700_000;
    private static final List<String> SMALL_HEAP = List.of("-Xmx128m", "-XX:+UseSerialGC");
    private static final PipelineSpec SPEC = PipelineSpec.defaults();
    private static final Duration PATIENCE = Duration.ofMinutes(10);
    private static final LocalBuild BUILD = LocalBuild.locate();
    private static final String GROUP = "heap-it";

    @Test
    void numbersWaitingPastTheHeapStayInTheStoreAndPairAfterARestart(@TempDir Path dir) throws Exception {
        kafka.createTopics(1, SPEC.rawTopic(), SPEC.enrichedTopic(), SPEC.deadLetterTopic(), SPEC.unpairedTopic());
        RunnerFlags flags = new RunnerFlags().bootstrapServers(kafka.bootstrapServers()).groupId(GROUP)
                .stateDir(dir.resolve("state")).inputKeyedByClass(true).createTopics(false);
        produce(5, 4, 0);

        try (StreamsRunnerProcess first = start(flags, dir.resolve("first.log"))) {
            awaitCommitted(first, 2L * WAITING);
            assertThat(first.stop(PATIENCE)).as("exit status after SIGTERM; see " + dir.resolve("first.log")).isZero();
            assertThat(first.process().output()).doesNotContain("OutOfMemoryError");
        }
        assertThat(count(SPEC.enrichedTopic())).as("nothing pairs yet").isZero();

        produce(7, 8, 2L * WAITING);
        try (StreamsRunnerProcess second = start(flags, dir.resolve("second.log"))) {
            awaitCommitted(second, 4L * WAITING);
            assertThat(second.stop(PATIENCE)).as("exit status after SIGTERM; see " + dir.resolve("second.log")).isZero();
            assertThat(second.process().output()).doesNotContain("OutOfMemoryError");
        }
        assertThat(count(SPEC.enrichedTopic())).as("every waiting number paired").isEqualTo(2L * WAITING);
        assertThat(count(SPEC.unpairedTopic())).isZero();
        try (KafkaConsumer<byte[], byte[]> consumer = kafka.committedConsumer()) {
            TopicPartition pairs = new TopicPartition(SPEC.enrichedTopic(), 0);
            consumer.assign(List.of(pairs));
            consumer.seekToBeginning(List.of(pairs));
            ConsumerRecord<byte[], byte[]> first = null;
            while (first == null) {
                var polled = consumer.poll(Duration.ofSeconds(1)).iterator();
                first = polled.hasNext() ? polled.next() : null;
            }
            assertThat(OutputCodec.decodePair(first.value()).getFirst().getOffset()).as("the oldest number first")
                    .isIn(0L, 1L);
        }
    }

    /** {@code WAITING} of each of two numbers of different classes, alternating, keyed by class. */
    private static void produce(long one, long other, long firstSequence) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties())) {
            long now = System.currentTimeMillis();
            for (long i = 0; i < 2L * WAITING; i++) {
                long value = i % 2 == 0 ? one : other;
                byte[] key = ComplementClassKey.encode(SPEC.rules().complementClass(value));
                producer.send(new ProducerRecord<>(SPEC.rawTopic(), 0, now, key,
                        RawValueCodec.encodeAvro(value, firstSequence + i, now)));
            }
            producer.flush();
        }
    }

    private static StreamsRunnerProcess start(RunnerFlags flags, Path log) {
        return StreamsRunnerProcess.builder(BUILD).jvmOptions(SMALL_HEAP).logFile(log).start(flags);
    }

    private static void awaitCommitted(StreamsRunnerProcess runner, long offset) {
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            assertThat(runner.isAlive()).as("the runner is running; its log ends with\n%s",
                    tail(runner.process().output())).isTrue();
            return committed() >= offset;
        });
    }

    private static String tail(String log) {
        String[] lines = log.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 25), lines.length));
    }

    private static long committed() throws ExecutionException, InterruptedException {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata raw = offsets.get(new TopicPartition(SPEC.rawTopic(), 0));
            return raw == null ? 0 : raw.offset();
        }
    }

    /** How many records a read_committed reader sees, counted without keeping them. */
    private static long count(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = kafka.committedConsumer()) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long seen = 0;
            while (consumer.position(partition) < end) {
                seen += consumer.poll(Duration.ofMillis(500)).count();
            }
            return seen;
        }
    }
}
