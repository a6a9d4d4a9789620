package dev.pairing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pairing.kafka.CommittedTopicReader;
import dev.pairing.kafka.topics.PipelineTopics;
import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.kafka.LocalKafka;
import dev.pairing.launcher.kafka.Topics;
import dev.pairing.launcher.process.ChildProcess;
import dev.pairing.launcher.process.Ports;
import dev.pairing.launcher.registry.LocalRegistry;
import dev.pairing.launcher.runner.RunnerFlags;
import dev.pairing.launcher.runner.StreamsRunnerProcess;
import dev.pairing.local.ledger.FinalLedger;
import dev.pairing.testsupport.ComposeFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml's producer and Streams runner run with their own command lines against the
 * local stack: a real broker and a real schema registry on this host. Only what a container
 * resolves differently is rewritten (the broker's and the registry's addresses, the state
 * directory); a misspelled flag, topic, format or registry path in the compose file fails here as it
 * would in the container. The end is verify's ledger of the topics they wrote, in Confluent's format.
 */
class ComposeServicesIT {

    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @Test
    void theComposeProducerAndStreamsRunnerPairNumbersOnTheLocalStack() throws Exception {
        ComposeFile compose = ComposeFile.load();
        LocalBuild build = LocalBuild.locate();
        try (LocalKafka kafka = LocalKafka.start(build, dir.resolve("kafka"), Ports.freePort(), Ports.freePort())) {
            LocalRegistry registry = LocalRegistry.start(build, dir.resolve("registry"), Ports.freePort());
            try {
                Map<String, String> host = Map.of(ComposeFile.BROKER, kafka.bootstrapServers(),
                        compose.registryUrl(), registry.url(),
                        "/var/lib/pairing/streams", dir.resolve("streams-state").toString());
                Properties client = new Properties();
                client.put("bootstrap.servers", kafka.bootstrapServers());
                client.put("schema.registry.url", registry.url());
                // what the compose file's topic creator does
                Topics.ensure(client, 3, PipelineTopics.DEFAULT);

                try (StreamsRunnerProcess runner = StreamsRunnerProcess.start(build, RunnerFlags.verbatim(
                        onThisHost(compose.argsAfter("streams-runner", "/opt/pairing/streams-runner.jar"), host)),
                        dir.resolve("runner.log"));
                        ChildProcess producer = ChildProcess.start("producer", build.javaCommand()
                                .guardedJar(build.producerJar())
                                .args(onThisHost(compose.argsAfter("producer", "/opt/pairing/producer.jar"), host))
                                .toList(), Map.of(), dir.resolve("producer.log"))) {
                    runner.awaitRunning(PATIENCE);
                    await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
                        // a command line the jar refuses ends the process at once: say so, with its words
                        for (ChildProcess process : List.of(producer, runner.process())) {
                            if (!process.isAlive()) {
                                throw new AssertionError(process.logFile() + " exited:\n" + process.logTail(10));
                            }
                        }
                        return CommittedTopicReader.readAllIfExists(client, PipelineTopics.DEFAULT.enriched()).size() >= 20;
                    });
                    producer.stop(PATIENCE); // SIGTERM: it stops sending and flushes

                    ByteArrayOutputStream report = new ByteArrayOutputStream();
                    await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).until(() -> {
                        report.reset();
                        return FinalLedger.print(client, PipelineTopics.DEFAULT, 12,
                                new PrintStream(report, true, StandardCharsets.UTF_8));
                    });
                    assertThat(report.toString(StandardCharsets.UTF_8)).contains("RESULT: OK")
                            .containsPattern("pairs\\s+[1-9]");
                    assertThat(runner.stop(PATIENCE)).as("the runner's exit status after SIGTERM").isZero();
                }
            } finally {
                registry.stop();
            }
        }
    }

    /** The container's arguments with each address and path a container resolves replaced by this host's. */
    private static List<String> onThisHost(String[] args, Map<String, String> host) {
        return Arrays.stream(args).map(arg -> host.getOrDefault(arg, arg)).toList();
    }
}
