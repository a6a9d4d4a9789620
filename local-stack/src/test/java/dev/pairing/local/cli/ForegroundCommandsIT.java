package dev.pairing.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.kafka.topics.PipelineTopics;
import dev.pairing.launcher.flink.FlinkPorts;
import dev.pairing.launcher.process.Ports;
import dev.pairing.launcher.process.ProcessArguments;
import dev.pairing.local.PackagedCommand;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pairing kafka}, {@code pairing flink-cluster} and {@code pairing registry} as a user runs them: the packaged entry
 * point in its own JVM, up until Ctrl-C, then nothing of it left running.
 */
class ForegroundCommandsIT {

    private static final Duration UP_WITHIN = Duration.ofMinutes(3);
    private static final String TASK_MANAGER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";

    @TempDir
    Path dir;

    private PackagedCommand command;

    @AfterEach
    void stop() {
        if (command != null) {
            command.destroyAll();
        }
    }

    @Test
    void kafkaServesThePipelineTopicsUntilCtrlC() throws Exception {
        int port = Ports.freePort();
        command = start(dir.resolve("out.txt"), "kafka", "--port", Integer.toString(port),
                "--controllerPort", Integer.toString(Ports.freePort()), "--partitions", "2",
                "--dataDir", dir.resolve("kafka").toString());
        command.awaitOutput("Kafka is up: --bootstrapServers 127.0.0.1:" + port, UP_WITHIN);

        Properties client = new Properties();
        client.put("bootstrap.servers", "127.0.0.1:" + port);
        try (Admin admin = Admin.create(client)) {
            Map<String, TopicDescription> topics =
                    admin.describeTopics(PipelineTopics.DEFAULT.all()).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics).hasSize(4);
            assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(2));
        }

        ctrlCAndAssertNothingLeft(command);
    }

    @Test
    void flinkClusterReplacesAKilledTaskManagerAndServesTheDashboardUntilCtrlC() throws Exception {
        FlinkPorts ports = FlinkPorts.free();
        command = start(dir.resolve("out.txt"), "flink-cluster", "--taskManagers", "2",
                "--restPort", Integer.toString(ports.rest()),
                "--rpcPort", Integer.toString(ports.rpc()), "--dataDir", dir.resolve("flink").toString());
        command.awaitOutput("Flink is up: dashboard http://localhost:" + ports.rest(), UP_WITHIN);
        assertThat(overview(ports)).contains("\"taskmanagers\":2");

        ProcessHandle victim = command.descendants().stream()
                .filter(p -> ProcessArguments.runs(p, TASK_MANAGER)).findFirst().orElseThrow();
        victim.destroyForcibly();
        command.awaitOutput("(pid " + victim.pid() + ") exited with status 137; starting a replacement", UP_WITHIN);
        command.awaitOutput("registered", UP_WITHIN);
        assertThat(command.isAlive()).as("the command goes on").isTrue();
        assertThat(command.descendants().stream().filter(p -> ProcessArguments.runs(p, TASK_MANAGER)))
                .as("two TaskManagers run again").hasSize(2);
        assertThat(overview(ports)).as("the JobManager still answers").contains("\"taskmanagers\":");

        ctrlCAndAssertNothingLeft(command);
    }

    private static String overview(FlinkPorts ports) throws Exception {
        HttpResponse<String> overview = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + ports.rest() + "/overview")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(overview.statusCode()).isEqualTo(200);
        return overview.body();
    }

    @Test
    void registryServesTheConfluentApiUntilCtrlC() throws Exception {
        int port = Ports.freePort();
        command = start(dir.resolve("out.txt"), "registry", "--port", Integer.toString(port),
                "--dataDir", dir.resolve("registry").toString());
        String url = "http://127.0.0.1:" + port + "/apis/ccompat/v7";
        command.awaitOutput("the schema registry is up: --schemaRegistry " + url, UP_WITHIN);

        HttpResponse<String> subjects = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(url + "/subjects")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(subjects.statusCode()).isEqualTo(200);
        assertThat(subjects.body()).isEqualTo("[]");

        ctrlCAndAssertNothingLeft(command);
    }

    @Test
    void freshRefusesToWipeADirectoryThisToolDidNotCreate() throws Exception {
        Path foreign = Files.createDirectories(dir.resolve("someone-elses"));
        Files.writeString(foreign.resolve("precious.txt"), "keep me");

        command = start(dir.resolve("out.txt"), "kafka", "--fresh", "true", "--dataDir", foreign.toString(),
                "--port", Integer.toString(Ports.freePort()), "--controllerPort", Integer.toString(Ports.freePort()));

        assertThat(command.awaitExit(Duration.ofMinutes(1))).isEqualTo(1);
        assertThat(command.output()).contains("pairing kafka: --fresh would wipe " + foreign)
                .doesNotContain("Exception\n\tat ");
        assertThat(foreign.resolve("precious.txt")).hasContent("keep me");
    }

    private static PackagedCommand start(Path output, String... args) throws IOException {
        return PackagedCommand.start(output, List.of(args));
    }

    private static void ctrlCAndAssertNothingLeft(PackagedCommand command) throws Exception {
        command.interrupt();
        command.awaitExit(Duration.ofMinutes(2));
        command.assertNothingLeft(1);
    }
}
