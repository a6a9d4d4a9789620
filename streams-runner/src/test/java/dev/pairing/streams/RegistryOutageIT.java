package dev.pairing.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pairing.schemas.codec.ComplementClassKey;
import dev.pairing.schemas.codec.OutputCodec;
import dev.pairing.testsupport.EmbeddedKafka;
import dev.pairing.testsupport.EmbeddedRegistry;
import dev.pairing.testsupport.ForeignWriterSchemas;
import dev.pairing.verify.VerifyCli;
import dev.pairing.verify.VerifyConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 30 s registry outage under exactly-once, on a real broker and a real registry that is stopped
 * and started: longer than Kafka Streams' 10 s transaction timeout, shorter than the registry
 * budget. The record whose schema the runner must fetch arrives in the same transaction as records
 * that already wrote output. The runner must wait the outage out without its transaction being
 * aborted under it (no fenced producer, no task closed, no thread replaced), dead-letter nothing for
 * it, and lose or double nothing.
 */
class RegistryOutageIT {

    @RegisterExtension
    static final EmbeddedKafka kafka = new EmbeddedKafka();
    @RegisterExtension
    static final EmbeddedRegistry registry = new EmbeddedRegistry();

    static final Duration OUTAGE = Duration.ofSeconds(30);

    @Test
    void aThirtySecondOutageIsWaitedOutOffTheTransactionsClock(@TempDir Path dir) throws Exception {
        int v1 = registry.register("raw-topic-value", ForeignWriterSchemas.V1.toString());
        int v2 = registry.register("raw-topic-value", ForeignWriterSchemas.V2.toString());
        StreamsRunnerConfig config = StreamsRunnerFlags.parse("--bootstrapServers", kafka.bootstrapServers(),
                "--schemaRegistry", registry.url(), "--groupId", "registry-outage-it", "--stateDir", dir.toString(),
                "--partitions", "1",
                // the outage plus the registry's restart on a loaded machine must fit in the budget
                "--kafkaProperty", "schema.registry.unavailable.max.ms=180000");

        try (PairingApp app = PairingApp.start(config)) {
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).as("reaches RUNNING").isTrue();
            kafka.produce(List.of(raw(ForeignWriterSchemas.framed(v1, ForeignWriterSchemas.V1, 5, 1)),
                    raw(ForeignWriterSchemas.framed(v1, ForeignWriterSchemas.V1, 7, 2))));
            assertThat(pairsOf(kafka.awaitCommitted("enriched-topic", records -> !records.isEmpty(),
                    Duration.ofSeconds(60)))).containsExactly("5+7");
            Set<String> threads = threadNames(app);
            double closedTasks = threadMetric(app, "task-closed-total"); // the start's rebalances close some

            registry.kill();
            // 6 and 6 write output (a pair, and the repartition before it) in the open transaction;
            // v2 has never been fetched, so the record after them needs the registry that is down
            kafka.produce(List.of(raw(ForeignWriterSchemas.framed(v1, ForeignWriterSchemas.V1, 6, 3)),
                    raw(ForeignWriterSchemas.framed(v1, ForeignWriterSchemas.V1, 6, 4)),
                    raw(ForeignWriterSchemas.framed(v2, ForeignWriterSchemas.V2, 4, 5)),
                    raw(ForeignWriterSchemas.framed(v1, ForeignWriterSchemas.V1, 8, 6))));
            await().during(OUTAGE).atMost(OUTAGE.plusSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> app.state() == KafkaStreams.State.RUNNING && kafka.readCommitted("raw-events-dlq").isEmpty());
            registry.restart();

            assertThat(pairsOf(kafka.awaitCommitted("enriched-topic", records -> records.size() >= 3,
                    Duration.ofSeconds(120)))).containsExactly("5+7", "6+6", "4+8");
            assertThat(kafka.readCommitted("raw-events-dlq")).as("nothing dead-lettered for the outage").isEmpty();
            assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(threadNames(app)).as("no stream thread replaced").isEqualTo(threads);
            assertThat(threadMetric(app, "task-closed-total"))
                    .as("no task closed: a fenced producer would close them all dirty").isEqualTo(closedTasks);
        }
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        int verdict = VerifyCli.run(VerifyConfig.of(config.pipeline()), new PrintStream(report, true, StandardCharsets.UTF_8), System.err);
        assertThat(verdict).as(report.toString(StandardCharsets.UTF_8)).isZero();
    }

    private static ProducerRecord<byte[], byte[]> raw(byte[] value) {
        return new ProducerRecord<>("raw-topic", 0, ComplementClassKey.encode(5), value);
    }

    private static List<String> pairsOf(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(record -> OutputCodec.decodePair(record.value()))
                .map(pair -> pair.getFirst().getValue() + "+" + pair.getSecond().getValue()).toList();
    }

    private static Set<String> threadNames(PairingApp app) {
        return app.streams().metadataForLocalThreads().stream().map(ThreadMetadata::threadName)
                .collect(Collectors.toSet());
    }

    private static double threadMetric(PairingApp app, String name) {
        double sum = 0;
        for (java.util.Map.Entry<MetricName, ? extends Metric> metric : app.streams().metrics().entrySet()) {
            if (metric.getKey().group().equals("stream-thread-metrics") && metric.getKey().name().equals(name)) {
                sum += ((Number) metric.getValue().metricValue()).doubleValue();
            }
        }
        return sum;
    }
}
