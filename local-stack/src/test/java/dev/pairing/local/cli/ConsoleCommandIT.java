package dev.pairing.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pairing.kafka.topics.PipelineTopics;
import dev.pairing.launcher.process.Ports;
import dev.pairing.local.PackagedCommand;
import dev.pairing.producer.NumberProducer;
import dev.pairing.producer.NumberStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pairing console} against a pipeline it did not start, as an operator runs it: the packaged
 * {@code kafka} and {@code streams} (serving its metrics), each in its own JVM, the console beside
 * them, and the producer sending from the test. The page's state, read over HTTP, must count what verify counts once the
 * runner has caught up, and the ledger the page asks for must be verify's check of the topics.
 */
class ConsoleCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration UP_WITHIN = Duration.ofMinutes(3);
    private static final Pattern CONSOLE = Pattern.compile("console: (http://127\\.0\\.0\\.1:\\d+/)");
    private static final int RECORDS = 600;

    @TempDir
    Path dir;

    private final List<PackagedCommand> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        started.forEach(PackagedCommand::destroyAll);
    }

    @Test
    void theConsoleOfARunningPipelineCountsWhatVerifyCounts() throws Exception {
        int kafkaPort = Ports.freePort();
        PackagedCommand kafka = start("kafka", "kafka", "--port", Integer.toString(kafkaPort),
                "--controllerPort", Integer.toString(Ports.freePort()), "--dataDir", dir.resolve("kafka").toString());
        kafka.awaitOutput("Kafka is up", UP_WITHIN);
        String bootstrap = "127.0.0.1:" + kafkaPort;
        int metricsPort = Ports.freePort();
        PackagedCommand runner = start("streams", "streams", "--bootstrapServers", bootstrap,
                "--metricsPort", Integer.toString(metricsPort), "--stateDir", dir.resolve("state").toString());
        runner.awaitOutput("RUNNING: pairing", UP_WITHIN);

        PackagedCommand console = start("console", "console", "--bootstrapServers", bootstrap,
                "--groupId", "pairing-streams", "--metrics", "127.0.0.1:" + metricsPort, "--port", "0");
        console.awaitOutput("console: http://", UP_WITHIN);
        Matcher printed = CONSOLE.matcher(console.output());
        assertThat(printed.find()).as(console.output()).isTrue();
        URI page = URI.create(printed.group(1));
        assertThat(get(page, "text/html")).contains("<svg id=\"plot\"").contains("console.js");
        assertThat(get(page.resolve("console.js"), "text/javascript")).contains("api/state");

        // the page's totals count from the console's first read of the endpoint (what came before is
        // its baseline), so every record must come after it; under load that read came after the
        // first records once (597 of 600 counted)
        await("the console has read the runner's endpoint").atMost(UP_WITHIN).until(() -> {
            JsonNode endpoints = state(page).get("endpoints");
            return endpoints != null && endpoints.size() > 0 && "up".equals(endpoints.get(0).get("status").asText());
        });

        // the producer in this JVM: its start-up check of the topic is not what this test is about
        Properties client = new Properties();
        client.put("bootstrap.servers", bootstrap);
        try (NumberProducer producer = new NumberProducer(client, new NumberProducer.Settings(
                PipelineTopics.DEFAULT.raw(), 12, 0.05, NumberStream.Format.AVRO, 7, 100, RECORDS, null))) {
            producer.run();
            assertThat(producer.progress().acked()).as(producer.progress().toString()).isEqualTo(RECORDS);
        }
        await("the runner caught up, as the page counts it").atMost(UP_WITHIN).until(() -> {
            JsonNode counts = state(page).get("counts");
            return !counts.isNull() && counts.get("raw").asLong() == RECORDS && counts.get("lag").asLong() == 0;
        });

        HttpResponse<String> asked = http.send(HttpRequest.newBuilder(page.resolve("api/ledger"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(asked.statusCode()).isEqualTo(202);
        await("the ledger on the page").atMost(UP_WITHIN).until(() -> !state(page).get("ledger").isNull());
        JsonNode ledger = state(page).get("ledger");
        assertThat(ledger.get("balanced").asBoolean()).as(ledger.toString()).isTrue();
        assertThat(ledger.get("raw").asLong()).isEqualTo(RECORDS);
        assertThat(ledger.get("pairs").asLong()).isPositive();
        assertThat(ledger.get("deadLetters").asLong()).isPositive();

        // the live counts are read every 2 s: the next ones after the last output are the ledger's
        await("the page's counts equal verify's").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode now = state(page);
            for (String key : List.of("raw", "pairs", "deadLetters", "unpaired", "pending")) {
                assertThat(now.get("counts").get(key).asLong()).as(key).isEqualTo(ledger.get(key).asLong());
            }
            assertThat(now.get("deadLetterReasons")).isEqualTo(ledger.get("deadLettersByReason"));
            assertThat(gaugedPending(now)).as("pending per class from the runner's gauges")
                    .isEqualTo(ledgerPending(ledger));
        });
        JsonNode end = state(page);
        assertThat(end.get("endpoints").get(0).get("status").asText()).isEqualTo("up");
        assertThat(end.get("rates").get("totals").get("pairing_records_total").asLong())
                .as("every record the runner read, counted from its endpoint").isEqualTo(RECORDS);
        assertThat(end.get("timeline")).as("no fault log outside the demo").isEmpty();

        console.interrupt();
        console.awaitExit(Duration.ofMinutes(1));
        console.assertNothingLeft(0);
    }

    private static Map<String, Long> gaugedPending(JsonNode state) {
        Map<String, Long> gauged = new TreeMap<>();
        for (JsonNode row : state.get("pending").get("classes")) {
            if (row.get("pending").asLong() > 0) {
                gauged.put(row.get("class").asText(), row.get("pending").asLong());
            }
        }
        return gauged;
    }

    private static Map<String, Long> ledgerPending(JsonNode ledger) {
        Map<String, Long> pending = new TreeMap<>();
        ledger.get("pendingByClass").fields().forEachRemaining(e -> pending.put(e.getKey(), e.getValue().asLong()));
        return pending;
    }

    private JsonNode state(URI page) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(page.resolve("api/state?page=it")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private String get(URI uri, String type) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(type));
        return response.body();
    }

    private PackagedCommand start(String name, String... args) throws IOException {
        PackagedCommand command = PackagedCommand.start(dir.resolve(name + "-output.txt"), List.of(args));
        started.add(command);
        return command;
    }
}
