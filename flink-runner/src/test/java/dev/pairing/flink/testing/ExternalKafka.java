package dev.pairing.flink.testing;

import dev.pairing.kafka.CommittedTopicReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node KRaft broker in a JVM of its own, for tests whose classpath cannot host one.
 *
 * <p>Why not test-support's in-process {@code EmbeddedKafka}: the Flink Kafka connector's
 * exactly-once sink needs kafka-clients 4.2 (it calls producer internals that changed in 4.3), while
 * the 4.3.1 broker needs kafka-clients 4.3.1. One JVM cannot hold both, so the broker runs apart,
 * from the jars {@code launcher/kafka-lib} collects (system property {@code kafka.broker.lib}).
 * Ports are free ones picked at start; the process dies with the test JVM.
 */
public final class ExternalKafka implements BeforeAllCallback, AfterAllCallback {

    public static final String LIB_PROPERTY = "kafka.broker.lib";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private Path dir;
    private int port;
    private Process broker;
    private Thread reaper;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    public void start() throws IOException, InterruptedException {
        Path lib = brokerLib();
        dir = Files.createTempDirectory("external-kafka");
        port = freePort();
        int controllerPort = freePort();
        Path config = dir.resolve("server.properties");
        Files.writeString(config, serverProperties(dir.resolve("data"), port, controllerPort));
        Files.writeString(dir.resolve("log4j2.properties"), """
                rootLogger.level = WARN
                rootLogger.appenderRef.file.ref = file
                appender.file.type = File
                appender.file.name = file
                appender.file.fileName = %s
                appender.file.layout.type = PatternLayout
                appender.file.layout.pattern = %%d %%-5level %%c{1} - %%msg%%n
                """.formatted(dir.resolve("server.log")));

        Process format = java(lib, "-Xmx256m", "kafka.tools.StorageTool", "format", "-t",
                Uuid.randomUuid().toString(), "-c", config.toString()).redirectOutput(dir.resolve("format.out").toFile())
                .start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IllegalStateException("formatting the broker's storage failed; see " + dir.resolve("format.out"));
        }
        broker = java(lib, "-Xmx512m", "kafka.Kafka", config.toString())
                .redirectOutput(dir.resolve("broker.out").toFile()).start();
        reaper = new Thread(broker::destroyForcibly, "external-kafka-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        awaitReady();
    }

    public void stop() {
        if (broker == null) {
            return;
        }
        broker.destroy();
        try {
            if (!broker.waitFor(30, TimeUnit.SECONDS)) {
                broker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            broker.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().removeShutdownHook(reaper);
        broker = null;
        deleteQuietly(dir);
    }

    private static void deleteQuietly(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", bootstrapServers()));
    }

    public void createTopics(int partitions, String... names) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, partitions, (short) 1));
        }
        try (Admin admin = admin()) {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
            dev.pairing.flink.TopicSetup.awaitLeaders(admin, List.of(names));
        } catch (Exception e) {
            throw new IllegalStateException("could not create " + List.of(names), e);
        }
    }

    /** Writes the records in order (idempotent, acks=all) and waits until all are acknowledged. */
    public void produce(Collection<ProducerRecord<byte[], byte[]>> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "1048576");
        // one batch in flight: a retried batch (a leader not elected yet) can never overtake another
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>(records.size());
            for (ProducerRecord<byte[], byte[]> record : records) {
                acks.add(producer.send(record));
            }
            producer.flush();
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get(); // a record the broker refused fails the test here, not as a count mismatch later
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the broker refused a record: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing", e);
        }
    }

    /** Every committed record, ordered by partition then offset. */
    public List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
        return CommittedTopicReader.readAllIfExists(bootstrapServers(), topic);
    }

    /** Waits until the topic's committed records satisfy the condition, then returns them. */
    public List<ConsumerRecord<byte[], byte[]>> awaitCommitted(String topic,
            Predicate<List<ConsumerRecord<byte[], byte[]>>> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<byte[], byte[]>> seen = List.of();
        while (System.nanoTime() < deadline) {
            seen = readCommitted(topic);
            if (condition.test(seen)) {
                return seen;
            }
            Thread.sleep(250); // polling a topic: there is no event to wait on
        }
        throw new AssertionError("after " + timeout + " the condition on " + topic + " still fails with "
                + seen.size() + " committed records");
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers());
        props.put("request.timeout.ms", "2000");
        props.put("default.api.timeout.ms", "3000");
        try (Admin admin = Admin.create(props)) {
            while (System.nanoTime() < deadline) {
                if (!broker.isAlive()) {
                    throw new IllegalStateException("the broker exited during startup; see " + dir);
                }
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    Thread.sleep(200); // not up yet
                }
            }
        }
        stop();
        throw new IllegalStateException("the broker did not answer within " + READY_TIMEOUT + "; see " + dir);
    }

    private ProcessBuilder java(Path lib, String heap, String main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties").toUri(),
                "-cp", lib.resolve("*").toString(), main));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    private static Path brokerLib() {
        String lib = System.getProperty(LIB_PROPERTY);
        if (lib == null || !hasBrokerJar(Path.of(lib))) {
            throw new IllegalStateException("no Kafka broker jars in " + lib + " (system property " + LIB_PROPERTY
                    + "): build them first with ./mvnw -pl launcher/kafka-lib package");
        }
        return Path.of(lib);
    }

    private static boolean hasBrokerJar(Path lib) {
        try (var files = Files.list(lib)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("kafka_2.13-"));
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String serverProperties(Path data, int port, int controllerPort) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + data,
                "num.partitions=1",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=5",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "");
    }
}
