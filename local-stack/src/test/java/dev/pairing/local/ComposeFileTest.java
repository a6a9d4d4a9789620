package dev.pairing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docker-compose.yml is valid for each runtime profile, as Compose v1 (Debian's docker-compose) reads
 * it: no Docker engine is needed for {@code config}. Skipped where docker-compose is not installed.
 */
class ComposeFileTest {

    private static final Path COMPOSE_FILE = repositoryRoot().resolve("docker-compose.yml");

    @ParameterizedTest
    @ValueSource(strings = {"streams", "flink"})
    void eachProfileIsAValidComposeFile(String profile) throws Exception {
        assumeTrue(onPath("docker-compose"), "docker-compose (v1) is not installed; apt-get install docker-compose");
        ProcessBuilder builder = new ProcessBuilder("docker-compose", "-f", COMPOSE_FILE.toString(), "config",
                "--services").redirectErrorStream(true);
        builder.environment().put("COMPOSE_PROFILES", profile);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        List<String> services = output.lines().toList();
        assertThat(services).contains("kafka", "topics", "schema-registry", "kafka-ui", "producer");
        assertThat(services).contains(profile.equals("streams") ? "streams-runner" : "flink-job");
    }

    private static boolean onPath(String command) throws IOException, InterruptedException {
        Process which = new ProcessBuilder("sh", "-c", "command -v " + command).start();
        return which.waitFor(10, TimeUnit.SECONDS) && which.exitValue() == 0;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        return dir == null ? Path.of("") : dir;
    }
}
