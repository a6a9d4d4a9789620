package dev.pairing.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.flags.ParsedFlags;
import dev.pairing.flink.local.LocalJobFlags;
import dev.pairing.launcher.LocalBuild;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./pairing flink-local} takes every flag of the one-JVM job, from the job's own declaration,
 * checks them before a JVM starts, and hands the job exactly the ones given. Runs on this module's
 * classpath, which has flink-runner's classes but not Flink's, as {@code ./pairing} does.
 */
class FlinkLocalCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int flinkLocal(String... args) {
        return FlinkLocalCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void theJobsJvmGetsTheHeapAndExactlyTheFlagsGiven(@TempDir Path home) throws Exception {
        LocalBuild build = new LocalBuild(home);
        Files.createDirectories(home.resolve("flink-runner/target"));
        Files.createFile(home.resolve("flink-runner/target/flink-runner.jar"));
        Files.createDirectories(home.resolve("launcher/flink-lib/target/lib"));
        Files.createFile(home.resolve("launcher/flink-lib/target/lib/flink-core.jar"));
        Path stateDir = home.resolve("state");
        ParsedFlags flags = FlinkLocalCommand.flags().parse("--heap", "1g", "--bootstrapServers", "kafka:9092",
                "--stateDir", stateDir.toString(), "--kafkaProperty", "acks=all", "--kafkaProperty", "linger.ms=5");

        List<String> command = FlinkLocalCommand.command(build, flags, LocalJobFlags.toSettings(flags));

        assertThat(command).contains("-Xmx1g", "-Dlog.file=" + stateDir.resolve("logs/flink.log"))
                .containsSubsequence("-cp", home.resolve("flink-runner/target/flink-runner.jar") + ":"
                        + home.resolve("launcher/flink-lib/target/lib/flink-core.jar"))
                .endsWith(LocalJobFlags.MAIN_CLASS, "--bootstrapServers", "kafka:9092", "--stateDir", stateDir.toString(),
                        "--kafkaProperty", "acks=all", "--kafkaProperty", "linger.ms=5");
        assertThat(stateDir.resolve("conf/log4j.properties")).content().contains("${sys:log.file}");
    }

    @Test
    void helpShowsTheHeapAndEveryFlagOfTheLocalJob() {
        assertThat(flinkLocal("--help")).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).startsWith("Usage: pairing flink-local").contains("--heap");
        for (String name : LocalJobFlags.declare().names()) {
            assertThat(help).containsPattern("(?m)^  --" + name + " ");
        }
    }

    @Test
    void anUnknownFlagABadValueAndABadHeapAreUsageErrorsBeforeAnyJvmStarts() {
        assertThat(flinkLocal("--checkpointIntervall", "1s")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown flag --checkpointIntervall")
                .contains("Usage: pairing flink-local");
        err.reset();
        assertThat(flinkLocal("--checkpointInterval", "10ms")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--checkpointInterval must be at least 100ms");
        err.reset();
        assertThat(flinkLocal("--parallelism", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--parallelism");
        err.reset();
        assertThat(flinkLocal("--heap", "lots")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--heap must be a size such as 512m or 2g, got 'lots'");
        assertThat(out.toString(StandardCharsets.UTF_8)).as("nothing started").isEmpty();
    }
}
