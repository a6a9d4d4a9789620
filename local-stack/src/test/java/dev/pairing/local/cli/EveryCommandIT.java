package dev.pairing.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.flink.JobFlags;
import dev.pairing.local.PackagedCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command the usage lists, through the packaged entry point in its own JVM as {@code ./pairing}
 * runs it: each answers {@code --help} with its own usage, whether it runs in that JVM or from a jar
 * of its own, and {@code flink --help} lists every flag of the job.
 */
class EveryCommandIT {

    @TempDir
    Path dir;

    @Test
    void everyListedCommandAnswersHelpWithItsOwnUsage() throws Exception {
        for (PairingCommand.Command command : PairingCommand.COMMANDS) {
            PackagedCommand help = PackagedCommand.start(dir.resolve(command.name() + ".txt"),
                    List.of(command.name(), "--help"));
            assertThat(help.awaitExit(Duration.ofMinutes(1))).as(command.name() + ":\n" + help.output()).isZero();
            assertThat(help.output()).as(command.name()).contains("Usage: ").contains("--help")
                    .doesNotContain("unknown command").doesNotContain("Exception");
        }
    }

    @Test
    void flinkHelpListsEveryFlagOfTheJob() throws Exception {
        PackagedCommand help = PackagedCommand.start(dir.resolve("flink.txt"), List.of("flink", "--help"));

        assertThat(help.awaitExit(Duration.ofMinutes(1))).as(help.output()).isZero();
        assertThat(help.output()).contains("Usage: pairing flink", "--jobmanager");
        for (String name : JobFlags.declare().names()) {
            assertThat(help.output()).containsPattern("(?m)^  --" + name + " ");
        }
    }
}
