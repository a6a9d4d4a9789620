package dev.pairing.testsupport;

import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.kafka.LocalKafka;
import dev.pairing.launcher.process.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node KRaft broker in a JVM of its own, started by the launcher on free ports, for
 * one test class whose classpath cannot host a broker. Register it as a static
 * {@code @RegisterExtension} field.
 *
 * <p>Why not the in-process {@link EmbeddedKafka}: the Flink Kafka connector's exactly-once sink
 * needs kafka-clients 4.2 (it calls producer internals that changed in 4.3), while the 4.3.1 broker
 * needs kafka-clients 4.3.1. One JVM cannot hold both, so the broker runs apart, from the jars
 * {@code launcher/kafka-lib} collects; {@code pairing.home} (set by failsafe) says where they are.
 * It stops with the test JVM even when that is killed.
 */
public final class LaunchedKafka implements TestKafka, BeforeAllCallback, AfterAllCallback {

    /**
     * A broker as tests want it: as {@link EmbeddedKafka}, a topic a test forgot to create is an
     * error, not a new topic; and Kafka's own {@code transaction.max.timeout.ms} (15 minutes), not
     * the launcher's hours for the demo, since the job's sinks are checked against a broker with
     * default settings.
     */
    private static final Map<String, String> TEST_BROKER = Map.of("auto.create.topics.enable", "false",
            "num.partitions", "1", "transaction.max.timeout.ms", "900000");

    private final Map<String, String> brokerProperties = new LinkedHashMap<>(TEST_BROKER);
    private Path dir;
    private LocalKafka broker;

    /** Adds or overrides a broker property; call before the broker starts. */
    public LaunchedKafka withBrokerProperty(String key, String value) {
        brokerProperties.put(key, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("launched-kafka");
        int ports = Ports.freeRange(2);
        broker = LocalKafka.start(LocalBuild.locate(), dir, ports, ports + 1, brokerProperties);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (broker != null) {
            broker.stop();
            broker = null;
        }
        // a leftover temp directory is harmless; the broker's files are gone once it has stopped
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }
}
