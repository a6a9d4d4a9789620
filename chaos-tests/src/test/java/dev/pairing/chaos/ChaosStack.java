package dev.pairing.chaos;

import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.flink.FlinkClusterOptions;
import dev.pairing.launcher.flink.FlinkPorts;
import dev.pairing.launcher.flink.LocalFlinkCluster;
import dev.pairing.launcher.kafka.LocalKafka;
import dev.pairing.launcher.kafka.LocalKafkaCluster;
import dev.pairing.launcher.process.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real processes the drills run against: one Kafka broker and, when a test asks for them, a
 * three-node Kafka cluster and one Flink session cluster (a JobManager and two TaskManagers), each
 * node its own JVM started by the launcher.
 * Started once and shared by every test class of the run (each test uses topics and groups of its
 * own), stopped when the whole run ends: a broker costs about 8 s to start, a Flink cluster 20 s.
 * Data and logs stay under {@code target/chaos/run-<time>} for a look after a failure.
 */
final class ChaosStack implements BeforeAllCallback {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosStack.class);

    private Processes processes;

    @Override
    public void beforeAll(ExtensionContext context) {
        // the root store outlives every test class and closes what it holds when the run ends
        processes = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Processes.class, key -> new Processes(), Processes.class);
    }

    static LocalBuild build() {
        return LocalBuild.locate();
    }

    /** A fresh directory for one test's own state and logs. */
    Path dir(String name) {
        try {
            return Files.createDirectories(processes.runDir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared broker, started on first use. */
    LocalKafka kafka() {
        return processes.kafka();
    }

    /** The shared three-node Kafka cluster (replication factor 3, two in sync), started on first use. */
    LocalKafkaCluster kafkaCluster() {
        return processes.kafkaCluster();
    }

    /** The shared Flink session cluster, started on first use. */
    LocalFlinkCluster flink() {
        return processes.flink();
    }

    private static final class Processes implements AutoCloseable {

        final Path runDir;
        private LocalKafka kafka;
        private LocalKafkaCluster kafkaCluster;
        private LocalFlinkCluster flink;

        Processes() {
            String base = System.getProperty("chaos.dir", "target/chaos");
            try {
                runDir = Files.createDirectories(Path.of(base, "run-" + System.currentTimeMillis())).toAbsolutePath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LOG.info("chaos run: data and logs in {}", runDir);
        }

        synchronized LocalKafka kafka() {
            if (kafka == null) {
                long t0 = System.nanoTime();
                int ports = Ports.freeRange(2);
                kafka = LocalKafka.start(build(), runDir.resolve("kafka"), ports, ports + 1);
                LOG.info("broker up at {} in {} ms", kafka.bootstrapServers(), (System.nanoTime() - t0) / 1_000_000);
            }
            return kafka;
        }

        synchronized LocalKafkaCluster kafkaCluster() {
            if (kafkaCluster == null) {
                long t0 = System.nanoTime();
                int ports = Ports.freeRange(6);
                kafkaCluster = LocalKafkaCluster.start(build(), runDir.resolve("kafka-cluster"), 3, ports,
                        ports + 3);
                LOG.info("three-node Kafka cluster up at {} in {} ms", kafkaCluster.bootstrapServers(),
                        (System.nanoTime() - t0) / 1_000_000);
            }
            return kafkaCluster;
        }

        synchronized LocalFlinkCluster flink() {
            if (flink == null) {
                long t0 = System.nanoTime();
                // two TaskManagers, slots spread over them: a job at parallelism 2 runs on both
                flink = LocalFlinkCluster.start(build(), runDir.resolve("flink"), FlinkPorts.free(),
                        FlinkClusterOptions.DEFAULTS.withTaskManagers(2)
                                .withConfiguration(Map.of("taskmanager.load-balance.mode", "SLOTS")));
                LOG.info("Flink session cluster up at {} in {} ms", flink.restUrl(), (System.nanoTime() - t0) / 1_000_000);
            }
            return flink;
        }

        @Override
        public synchronized void close() {
            if (flink != null) {
                flink.stop();
            }
            if (kafka != null) {
                kafka.stop();
            }
            if (kafkaCluster != null) {
                kafkaCluster.stop();
            }
        }
    }
}
