package dev.pairing.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pairing.local.Installation;
import dev.pairing.local.PipelineTopics;
import dev.pairing.local.flink.FlinkPorts;
import dev.pairing.local.process.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pairing kafka} and {@code pairing flink-cluster} as a user runs them: the packaged entry
 * point in its own JVM, up until Ctrl-C, then nothing of it left running.
 */
class ForegroundCommandsIT {

    private static final Duration UP_WITHIN = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    private Command command;

    @AfterEach
    void stop() {
        if (command != null) {
            command.destroyAll();
        }
    }

    @Test
    void kafkaServesThePipelineTopicsUntilCtrlC() throws Exception {
        int port = Ports.freePort();
        command = Command.start(dir.resolve("out.txt"), "kafka", "--port", Integer.toString(port),
                "--controllerPort", Integer.toString(Ports.freePort()), "--partitions", "2",
                "--dataDir", dir.resolve("kafka").toString());
        command.awaitOutput("Kafka is up: --bootstrapServers 127.0.0.1:" + port);

        Properties client = new Properties();
        client.put("bootstrap.servers", "127.0.0.1:" + port);
        try (Admin admin = Admin.create(client)) {
            Map<String, TopicDescription> topics =
                    admin.describeTopics(PipelineTopics.DEFAULT.all()).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics).hasSize(4);
            assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(2));
        }

        command.ctrlC();
        command.assertNothingLeft();
    }

    @Test
    void flinkClusterServesTheDashboardUntilCtrlC() throws Exception {
        FlinkPorts ports = FlinkPorts.free();
        command = Command.start(dir.resolve("out.txt"), "flink-cluster", "--restPort", Integer.toString(ports.rest()),
                "--rpcPort", Integer.toString(ports.rpc()), "--dataDir", dir.resolve("flink").toString());
        command.awaitOutput("Flink is up: dashboard http://localhost:" + ports.rest());

        HttpResponse<String> overview = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + ports.rest() + "/overview")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("\"taskmanagers\":1");

        command.ctrlC();
        command.assertNothingLeft();
    }

    @Test
    void freshRefusesToWipeADirectoryThisToolDidNotCreate() throws Exception {
        Path foreign = Files.createDirectories(dir.resolve("someone-elses"));
        Files.writeString(foreign.resolve("precious.txt"), "keep me");

        command = Command.start(dir.resolve("out.txt"), "kafka", "--fresh", "true", "--dataDir", foreign.toString(),
                "--port", Integer.toString(Ports.freePort()), "--controllerPort", Integer.toString(Ports.freePort()));

        assertThat(command.awaitExit()).isEqualTo(1);
        assertThat(command.output()).contains("pairing kafka: --fresh would wipe " + foreign)
                .doesNotContain("Exception\n\tat ");
        assertThat(foreign.resolve("precious.txt")).hasContent("keep me");
    }

    /** The packaged {@code pairing} entry point, with every process it starts recorded while it runs. */
    private static final class Command {

        private final Process process;
        private final Path output;
        private final Map<Long, ProcessHandle> seen = new ConcurrentHashMap<>();

        private Command(Process process, Path output) {
            this.process = process;
            this.output = output;
            Thread watcher = new Thread(() -> {
                while (process.isAlive()) {
                    process.descendants().forEach(h -> seen.putIfAbsent(h.pid(), h));
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "command-process-watcher");
            watcher.setDaemon(true);
            watcher.start();
        }

        static Command start(Path output, String... args) throws IOException {
            Installation installation = Installation.locate();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-D" + Installation.HOME_PROPERTY + "=" + installation.home(),
                    "-cp", installation.home().resolve("local-stack/target/local-stack.jar").toString(),
                    "dev.pairing.local.cli.PairingCommand"));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            return new Command(process, output);
        }

        String output() {
            try {
                return Files.readString(output, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }

        void awaitOutput(String text) {
            await().atMost(UP_WITHIN).pollInterval(Duration.ofMillis(200))
                    .until(() -> output().contains(text) || !process.isAlive());
            assertThat(output()).contains(text);
        }

        /** SIGINT, as the terminal sends it on Ctrl-C. */
        void ctrlC() throws Exception {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            awaitExit();
        }

        int awaitExit() throws InterruptedException {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                throw new AssertionError("the command did not end within 2 minutes:\n" + output());
            }
            return process.exitValue();
        }

        void assertNothingLeft() {
            assertThat(seen).as("processes the command started").isNotEmpty();
            assertThat(seen.values()).as("processes still alive:\n" + output()).noneMatch(ProcessHandle::isAlive);
        }

        void destroyAll() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
