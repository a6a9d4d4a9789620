package dev.pairing.streams;

import static dev.pairing.endpoint.OperationsEndpoint.LIVE;
import static dev.pairing.endpoint.OperationsEndpoint.READY;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Streams runner's probes over HTTP on a real broker. While a second instance joins, the first
 * one's {@code /health/ready} says 503 REBALANCING, then both say 200 once they run with tasks. A
 * rebalance can last 13 ms, which no probe catches every time, so the test holds the first
 * instance's rebalance open (its stream thread waits in a state listener) while it asks. After a
 * fatal error (state it must not continue) both probes say 503 until the process exits.
 */
class HealthProbesIT {

    @RegisterExtension
    static final EmbeddedKafka kafka = new EmbeddedKafka();

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void readinessTurnsFalseWhileASecondInstanceJoinsAndTrueAgain(@TempDir Path first, @TempDir Path second)
            throws Exception {
        String name = "probes-rebalance";
        kafka.createTopics(3, name + "-raw", name + "-enriched", name + "-dlq", name + "-unpaired");
        RebalanceHold hold = new RebalanceHold();
        try (PairingApp one = PairingApp.start(config(name, first, null), hold)) {
            // running, not only ready: the join must move it from RUNNING into a rebalance
            await().atMost(PATIENCE).until(() -> one.state() == KafkaStreams.State.RUNNING && status(one, READY) == 200);
            assertThat(status(one, LIVE)).isEqualTo(200);

            hold.arm();
            try (PairingApp two = PairingApp.start(config(name, second, null))) {
                try {
                    assertThat(hold.awaitHeld(PATIENCE)).as("the first instance entered the rebalance of the join")
                            .isTrue();
                    HttpResponse<String> ready = get(one, READY);
                    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
                    assertThat(ready.body()).isEqualTo("{\"status\":\"DOWN\",\"detail\":\"REBALANCING\"}\n");
                    assertThat(status(one, LIVE)).as("a rebalancing instance is alive").isEqualTo(200);
                } finally {
                    hold.release();
                }
                await().atMost(PATIENCE).until(() -> status(one, READY) == 200 && status(two, READY) == 200);
                assertThat(get(one, READY).body()).contains("RUNNING with");
                assertThat(get(two, READY).body()).contains("RUNNING with");
            }
        }
    }

    @Test
    void bothProbesFailAfterAFatalError(@TempDir Path dir) throws Exception {
        String name = "probes-fatal";
        kafka.createTopics(1, name + "-raw", name + "-enriched", name + "-dlq", name + "-unpaired");
        // pending state written with pairSum 12 ...
        try (PairingApp app = PairingApp.start(config(name, dir, null))) {
            await().atMost(PATIENCE).until(() -> status(app, READY) == 200);
            kafka.produce(List.of(new ProducerRecord<>(name + "-raw", 0, null, null, RawValueCodec.encodeText(5))));
            // committed, not only read: the next runner must restore the stamp this one wrote
            await().atMost(PATIENCE).until(() -> committedOffset(name, name + "-raw") == 1);
            assertThat(metrics(app).lines()).anyMatch(line -> line.startsWith("pairing_records_total{")
                    && line.endsWith(" 1.0"));
        }
        // ... which a runner with pairSum 10 must refuse: its task fails for good, and so the application
        try (PairingApp app = PairingApp.start(config(name, dir, null, "--pairSum", "10"))) {
            await().atMost(PATIENCE).until(() -> app.state() == KafkaStreams.State.ERROR);
            assertThat(get(app, READY).body()).as("ready").contains("\"detail\":\"ERROR\"");
            assertThat(status(app, READY)).isEqualTo(503);
            assertThat(status(app, LIVE)).isEqualTo(503);
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
            return get(app, path).statusCode();
        } catch (ConnectException e) {
            return -1;
        }
    }

    private HttpResponse<String> get(PairingApp app, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.metricsPort() + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Holds the first rebalance after {@link #arm()} open: Kafka Streams tells its state listener of
     * REBALANCING on the stream thread that entered it, outside the lock {@code state()} would need,
     * so that thread waits here, the instance stays REBALANCING, and its probes still answer.
     */
    private static final class RebalanceHold implements KafkaStreams.StateListener {
        private final AtomicBoolean armed = new AtomicBoolean();
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        void arm() {
            armed.set(true);
        }

        @Override
        public void onChange(KafkaStreams.State now, KafkaStreams.State before) {
            if (now == KafkaStreams.State.REBALANCING && armed.compareAndSet(true, false)) {
                held.countDown();
                try {
                    // bounded, so that a failed test cannot leave a stream thread waiting for ever
                    released.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        boolean awaitHeld(Duration timeout) throws InterruptedException {
            return held.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        void release() {
            released.countDown();
        }
    }
}
