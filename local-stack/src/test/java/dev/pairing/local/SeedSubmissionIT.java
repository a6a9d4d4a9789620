package dev.pairing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pairing.core.validation.RejectReason;
import dev.pairing.kafka.CommittedTopicReader;
import dev.pairing.kafka.topics.PipelineTopics;
import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.flink.FlinkCli;
import dev.pairing.launcher.flink.FlinkClusterOptions;
import dev.pairing.launcher.flink.FlinkPorts;
import dev.pairing.launcher.flink.LocalFlinkCluster;
import dev.pairing.launcher.kafka.ClientListener;
import dev.pairing.launcher.kafka.LocalKafkaCluster;
import dev.pairing.launcher.kafka.NodePlacement;
import dev.pairing.launcher.kafka.Topics;
import dev.pairing.launcher.process.ChildProcess;
import dev.pairing.launcher.process.Ports;
import dev.pairing.launcher.registry.LocalRegistry;
import dev.pairing.local.ledger.BalancedLedger;
import dev.pairing.netns.Availability;
import dev.pairing.netns.Host;
import dev.pairing.netns.TestNetwork;
import dev.pairing.schemas.deadletter.DeadLetterHeaders;
import dev.pairing.testsupport.ComposeFile;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The original project's own submission, {@code flink run <jar> --pairSum 12 --bootstrapServers
 * kafka:9094 ...}, word for word after the jar, through Flink's real client against a real Flink
 * cluster and a broker that is at {@code kafka:9094}: its own test host (a network namespace, so port
 * 9094 is its own) and a hosts file that every Flink JVM resolves {@code kafka} with, as the compose
 * network's DNS would. The compose producer writes Confluent-framed numbers.
 *
 * <p>Submitted from a shell without the JobManager container's environment, the job cannot read them:
 * each is a {@code SCHEMA_REGISTRY_REQUIRED} dead letter (never "not a number") and the TaskManager
 * says what to do. Submitted again with that environment ({@code PAIRING_SCHEMA_REGISTRY}), the same
 * command pairs them, and verify's ledger of that run is exact.
 */
class SeedSubmissionIT {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");

    @TempDir
    Path dir;

    @Test
    void theOriginalSubmissionDeadLettersFramedRecordsLoudlyWithoutARegistryAndPairsThemWithOne() throws Exception {
        Availability availability = Availability.probe();
        assumeTrue(availability.namespaces(), () -> "skipped: " + availability.reason());
        ComposeFile compose = ComposeFile.load();
        LocalBuild build = LocalBuild.locate();
        try (TestNetwork network = TestNetwork.create()) {
            Host kafkaHost = network.addHost("kafka");
            // the broker's own listener for this test, and the original address for Flink
            NodePlacement placement = NodePlacement.onHosts(List.of(kafkaHost)).withListener(new ClientListener(
                    "COMPOSE", List.of(kafkaHost.address() + ":9094"), List.of(ComposeFile.BROKER)));
            Path hosts = dir.resolve("hosts");
            // jdk.net.hosts.file replaces the resolver: every name the JVMs look up must be in it
            Files.writeString(hosts, kafkaHost.address() + " kafka\n127.0.0.1 localhost "
                    + InetAddress.getLocalHost().getHostName() + "\n");
            FlinkClusterOptions options = FlinkClusterOptions.DEFAULTS.withConfiguration(
                    Map.of("env.java.opts.all", "-Djdk.net.hosts.file=" + hosts));
            try (LocalKafkaCluster kafka = LocalKafkaCluster.start(build, dir.resolve("kafka"), 1, Ports.freePort(),
                    Ports.freePort(), placement);
                    LocalRegistry registry = LocalRegistry.start(build, dir.resolve("registry"), Ports.freePort());
                    LocalFlinkCluster flink = LocalFlinkCluster.start(build, dir.resolve("flink"), FlinkPorts.free(),
                            options)) {
                Properties client = new Properties();
                client.put("bootstrap.servers", kafka.bootstrapServers());
                client.put("schema.registry.url", registry.url());
                Topics.ensure(client, 3, PipelineTopics.DEFAULT); // what the compose file's topic creator does
                Map<String, String> onThisHost = Map.of(ComposeFile.BROKER, kafka.bootstrapServers(),
                        compose.registryUrl(), registry.url(), "9401", Integer.toString(Ports.freePort()));

                // 1. the original submission from a shell that lacks the container's environment
                FlinkCli bare = flink.cli();
                try (ChildProcess producer = produce(build, compose, onThisHost, "producer-1.log");
                        ChildProcess submission = submit(bare, "run-without-registry")) {
                    String job = jobId(submission);
                    flink.rest().awaitRunning(job, PATIENCE);
                    awaitOutput("20 dead letters", () -> deadLetters(client).size() >= 20, flink, job, producer);
                    producer.stop(PATIENCE);
                    assertThat(flink.rest().cancel(job, PATIENCE)).as("job %s cancelled", job).isTrue();
                    submission.waitFor(PATIENCE);
                    Map<String, Long> reasons = deadLetters(client).stream().collect(
                            Collectors.groupingBy(SeedSubmissionIT::reason, Collectors.counting()));
                    long framed = reasons.getOrDefault(RejectReason.SCHEMA_REGISTRY_REQUIRED.name(), 0L);
                    assertThat(framed).as("dead letters by reason %s", reasons).isPositive();
                    // the producer also writes corrupt records of its own, which keep their reasons
                    assertThat(deadLetters(client).stream().filter(SeedSubmissionIT::isFramed).map(SeedSubmissionIT::reason))
                            .as("the reasons of Confluent-framed records").containsOnly(RejectReason.SCHEMA_REGISTRY_REQUIRED.name());
                    assertThat(CommittedTopicReader.readAllIfExists(client, PipelineTopics.DEFAULT.enriched()))
                            .as("pairs without a registry").isEmpty();
                    assertThat(String.join("\n", flink.taskManager().logTail(2000), taskManagerLog(flink)))
                            .as("the TaskManager says what to do").contains("SCHEMA_REGISTRY_REQUIRED", "--schemaRegistry");
                }

                // 2. the same command inside the JobManager's container, with its PAIRING_* variables, on
                // new topics: verify's oracle reads the first run's framed numbers as the valid numbers they are
                recreate(client, PipelineTopics.DEFAULT);
                Map<String, String> jobManagerEnvironment = new HashMap<>();
                compose.environment("jobmanager").forEach((key, value) -> jobManagerEnvironment.put(key,
                        onThisHost.getOrDefault(value, value)));
                FlinkCli inContainer = flink.cli().withEnvironment(jobManagerEnvironment);
                try (ChildProcess producer = produce(build, compose, onThisHost, "producer-2.log");
                        ChildProcess submission = submit(inContainer, "run-with-registry")) {
                    String job = jobId(submission);
                    flink.rest().awaitRunning(job, PATIENCE);
                    awaitOutput("20 pairs", () -> CommittedTopicReader.readAllIfExists(client,
                            PipelineTopics.DEFAULT.enriched()).size() >= 20, flink, job, producer);
                    producer.stop(PATIENCE);

                    BalancedLedger.await(client, PipelineTopics.DEFAULT, 12, PATIENCE);
                    assertThat(deadLetters(client).stream().map(SeedSubmissionIT::reason))
                            .as("dead letters with the registry").doesNotContain(RejectReason.SCHEMA_REGISTRY_REQUIRED.name());
                    assertThat(flink.rest().cancel(job, PATIENCE)).isTrue();
                    submission.waitFor(PATIENCE);
                }
            }
        }
    }

    /** docker-compose.yml's producer command, with each container address replaced by this host's. */
    private ChildProcess produce(LocalBuild build, ComposeFile compose, Map<String, String> onThisHost, String log) {
        List<String> args = Arrays.stream(compose.argsAfter("producer", "/opt/pairing/producer.jar"))
                .map(arg -> onThisHost.getOrDefault(arg, arg)).toList();
        return ChildProcess.start("producer", build.javaCommand().guardedJar(build.producerJar()).args(args).toList(),
                Map.of(), dir.resolve(log));
    }

    /** {@code flink run <jar> <the original flags>}, attached to its job as the original README runs it. */
    private static ChildProcess submit(FlinkCli cli, String action) {
        List<String> args = new ArrayList<>(List.of("run", LocalBuild.locate().flinkJobJar().toString()));
        args.addAll(ComposeFile.ORIGINAL_JOB_FLAGS);
        return cli.start(action, args);
    }

    private static String jobId(ChildProcess submission) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!submission.isAlive()) {
                throw new AssertionError("flink run exited:\n" + submission.logTail(30));
            }
            return JOB_ID.matcher(submission.output()).find();
        });
        Matcher m = JOB_ID.matcher(submission.output());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /**
     * Awaits {@code condition} while the job and the producer run; on a timeout, or when either stops,
     * fails with what each one said last.
     */
    private static void awaitOutput(String what, Callable<Boolean> condition, LocalFlinkCluster flink, String job,
            ChildProcess producer) {
        try {
            await(what).atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
                if (!producer.isAlive() || flink.rest().jobEnded(job).isPresent()) {
                    throw new AssertionError("stopped before " + what);
                }
                return condition.call();
            });
        } catch (AssertionError | ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\njob " + job + ": " + flink.rest().jobState(job).orElse("?")
                    + ", root exception: " + flink.rest().rootException(job).orElse("none")
                    + "\nproducer (" + (producer.isAlive() ? "running" : "exited") + "):\n" + producer.logTail(15)
                    + "\ntaskmanager:\n" + flink.taskManager().logTail(40), e);
        }
    }

    /** Deletes the pipeline's topics, and the group offsets on them, and creates them again. */
    private static void recreate(Properties client, PipelineTopics topics) throws Exception {
        List<String> names = List.of(topics.raw(), topics.enriched(), topics.deadLetters(), topics.unpaired());
        try (Admin admin = Admin.create(client)) {
            admin.deleteTopics(names).all().get();
            await().atMost(PATIENCE).until(() -> admin.listTopics().names().get().stream().noneMatch(names::contains));
        }
        Topics.ensure(client, 3, topics);
    }

    private static List<ConsumerRecord<byte[], byte[]>> deadLetters(Properties client) {
        return CommittedTopicReader.readAllIfExists(client, PipelineTopics.DEFAULT.deadLetters());
    }

    /** Confluent's wire format: magic byte 0, then a four-byte schema id (the dead letter keeps the bytes). */
    private static boolean isFramed(ConsumerRecord<byte[], byte[]> letter) {
        return letter.value() != null && letter.value().length > 5 && letter.value()[0] == 0;
    }

    private static String reason(ConsumerRecord<byte[], byte[]> letter) {
        Header header = letter.headers().lastHeader(DeadLetterHeaders.REASON);
        return header == null ? "(no reason header)" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String taskManagerLog(LocalFlinkCluster flink) throws Exception {
        try (var logs = Files.list(flink.logDir())) {
            StringBuilder all = new StringBuilder();
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("taskmanager")).toList()) {
                all.append(Files.readString(log, StandardCharsets.UTF_8));
            }
            return all.toString();
        }
    }
}
