package dev.pairing.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.schemas.registry.RegistrySettings;
import dev.pairing.testsupport.EmbeddedKafka;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Streams runner's probes on a real broker: {@code /health/ready} says 200 on both instances once
 * a second one has joined the group and both run with tasks; after a fatal error (state it must not
 * continue) both probes say 503 until the process exits. That the probe says 503 during the
 * rebalance is {@code StreamsHealthTest}'s: a rebalance can last 13 ms, which no probe over HTTP
 * catches every time.
 */
class HealthProbesIT {

    @RegisterExtension
    static final EmbeddedKafka kafka = new EmbeddedKafka();

    private static final Logger LOG = LoggerFactory.getLogger(HealthProbesIT.class);
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void readinessIsBackOnBothInstancesOnceASecondHasJoined(@TempDir Path first, @TempDir Path second) throws Exception {
        String name = "probes-rebalance";
        kafka.createTopics(3, name + "-raw", name + "-enriched", name + "-dlq", name + "-unpaired");
        try (PairingApp one = PairingApp.start(config(name, first, null))) {
            await().atMost(PATIENCE).until(() -> status(one, "/health/ready") == 200);
            assertThat(status(one, "/health/live")).isEqualTo(200);

            ReadinessWatch watch = new ReadinessWatch(one);
            watch.start();
            try (PairingApp two = PairingApp.start(config(name, second, null))) {
                await().atMost(PATIENCE).until(() -> two.state() == KafkaStreams.State.RUNNING
                        && one.state() == KafkaStreams.State.RUNNING && status(two, "/health/ready") == 200
                        && status(one, "/health/ready") == 200);
            } finally {
                watch.stop();
            }
            LOG.info("the first instance's readiness while the second joined: {}", watch.seen);
            assertThat(watch.seen).as("the first instance's readiness while the second joined")
                    .startsWith(200).endsWith(200).doesNotContain(-1);
        }
    }

    @Test
    void bothProbesFailAfterAFatalError(@TempDir Path dir) throws Exception {
        String name = "probes-fatal";
        kafka.createTopics(1, name + "-raw", name + "-enriched", name + "-dlq", name + "-unpaired");
        // pending state written with pairSum 12 ...
        try (PairingApp app = PairingApp.start(config(name, dir, null))) {
            await().atMost(PATIENCE).until(() -> status(app, "/health/ready") == 200);
            kafka.produce(List.of(new ProducerRecord<>(name + "-raw", 0, null, null, RawValueCodec.encodeText(5))));
            // committed, not only read: the next runner must restore the stamp this one wrote
            await().atMost(PATIENCE).until(() -> committedOffset(name, name + "-raw") == 1);
            assertThat(metrics(app).lines()).anyMatch(line -> line.startsWith("pairing_records_total{")
                    && line.endsWith(" 1.0"));
        }
        // ... which a runner with pairSum 10 must refuse: its task fails for good, and so the application
        try (PairingApp app = PairingApp.start(config(name, dir, null, "--pairSum", "10"))) {
            await().atMost(PATIENCE).until(() -> app.state() == KafkaStreams.State.ERROR);
            assertThat(status(app, "/health/ready")).isEqualTo(503);
            assertThat(status(app, "/health/live")).isEqualTo(503);
        }
    }

    private static long committedOffset(String group, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(topic, 0));
            return offset == null ? -1 : offset.offset();
        }
    }

    private String metrics(PairingApp app) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.metricsPort() + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** A runner of the pipeline {@code name} serving its probes on a free port; with a registry when one is named. */
    private static StreamsRunnerConfig config(String name, Path stateDir, String registry, String... more)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("--bootstrapServers", kafka.bootstrapServers(), "--groupId", name,
                "--stateDir", stateDir.toString(), "--instanceId", "none", "--rawTopic", name + "-raw",
                "--enrichedTopic", name + "-enriched", "--DLQ", name + "-dlq", "--unpairedTopic", name + "-unpaired",
                "--metricsPort", "0", "--createTopics", "false"));
        if (registry != null) {
            args.addAll(List.of("--schemaRegistry", registry,
                    "--kafkaProperty", RegistrySettings.UNAVAILABLE_MAX_MS + "=300"));
        }
        args.addAll(List.of(more));
        return StreamsRunnerFlags.parse(args.toArray(String[]::new));
    }

    private int status(PairingApp app, String path) throws IOException, InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.metricsPort() + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (ConnectException e) {
            return -1;
        }
    }

    /** Asks the readiness probe over and over, as a kubelet does (faster), and keeps each change of answer. */
    private final class ReadinessWatch {
        final List<Integer> seen = new CopyOnWriteArrayList<>();
        private final PairingApp app;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread = new Thread(this::watch, "readiness-watch");

        ReadinessWatch(PairingApp app) {
            this.app = app;
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }

        private void watch() {
            while (running.get()) {
                try {
                    int status = status(app, "/health/ready");
                    if (seen.isEmpty() || seen.get(seen.size() - 1) != status) {
                        seen.add(status);
                    }
                } catch (IOException e) {
                    seen.add(-2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
