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
import dev.pairing.local.ledger.BalancedLedger;
import dev.pairing.testsupport.ComposeFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
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

                    BalancedLedger.await(client, PipelineTopics.DEFAULT, 12, PATIENCE);
                    assertThat(runner.stop(PATIENCE)).as("the runner's exit status after SIGTERM").isZero();
                }
            } finally {
                registry.stop();
            }
        }
    }

    /**
     * The compose file's registry, configured by its environment alone, keeps what it handed out
     * across a crash: the id of a schema registered before resolves to the same schema after, and
     * the next registration gets an id of its own. Apicurio's default storage (in memory) fails this.
     */
    @Test
    void theComposeRegistryKeepsItsIdsAcrossACrash() throws Exception {
        ComposeFile compose = ComposeFile.load();
        LocalBuild build = LocalBuild.locate();
        try (LocalKafka kafka = LocalKafka.start(build, dir.resolve("kafka"), Ports.freePort(), Ports.freePort())) {
            Map<String, String> environment = new HashMap<>();
            compose.environment("schema-registry").forEach((key, value) ->
                    environment.put(key, value.replace(ComposeFile.BROKER, kafka.bootstrapServers())));
            try (LocalRegistry registry = LocalRegistry.startAsImage(dir.resolve("registry"), environment)) {
                HttpClient http = HttpClient.newHttpClient();
                int first = register(http, registry, "before-crash", "First");

                registry.kill();
                registry.restart();

                HttpResponse<String> lookup = http.send(HttpRequest.newBuilder(
                        URI.create(registry.url() + "/schemas/ids/" + first)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(lookup.statusCode()).as("id %d after the crash: %s", first, lookup.body()).isEqualTo(200);
                assertThat(lookup.body()).contains("First");
                assertThat(register(http, registry, "after-crash", "Second")).as("the next id").isNotEqualTo(first);
            }
        }
    }

    /** Registers a one-field record schema named {@code record} under {@code subject}; returns its id. */
    private static int register(HttpClient http, LocalRegistry registry, String subject, String record) throws Exception {
        String schema = "{\"type\":\"record\",\"name\":\"" + record + "\",\"fields\":[{\"name\":\"n\",\"type\":\"int\"}]}";
        String body = "{\"schema\":\"" + schema.replace("\"", "\\\"") + "\"}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(registry.url() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("registering %s: %s", subject, response.body()).isEqualTo(200);
        return Integer.parseInt(response.body().replaceAll("(?s).*\"id\"\\s*:\\s*(\\d+).*", "$1"));
    }

    /** The container's arguments with each address and path a container resolves replaced by this host's. */
    private static List<String> onThisHost(String[] args, Map<String, String> host) {
        return Arrays.stream(args).map(arg -> host.getOrDefault(arg, arg)).toList();
    }
}
