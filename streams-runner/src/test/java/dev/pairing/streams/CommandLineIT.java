package dev.pairing.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.runner.RunnerFlags;
import dev.pairing.launcher.runner.StreamsRunnerProcess;
import dev.pairing.testsupport.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The packaged runner's command line, as a user meets it. */
class CommandLineIT {

    @RegisterExtension
    static final EmbeddedKafka kafka = new EmbeddedKafka();

    private static final Duration EXIT_WITHIN = Duration.ofSeconds(90);

    @Test
    void aWrongFlagPrintsUsageAndExits2(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("out.log");

        int exit = run(log, "--pairsum", "12");

        String output = java.nio.file.Files.readString(log);
        assertThat(exit).isEqualTo(2);
        assertThat(output).contains("unknown flag --pairsum", "Usage: streams-runner", "--pairSum", "--bootstrapServers",
                "--rawTopic", "--groupId", "--enrichedTopic", "--DLQ", "--unpairedTopic", "--stateDir",
                "--maxPendingPerClass", "--pendingTtl", "--commitInterval", "--kafkaProperty", "--kafkaConfig",
                "--inputKeyedByClass", "--partitions", "--guarantee");
    }

    @Test
    void missingTopicsThatMayNotBeCreatedAreNamed(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("out.log");

        int exit = run(log, "--bootstrapServers", kafka.bootstrapServers(),
                "--rawTopic", "absent-raw", "--enrichedTopic", "absent-pairs", "--createTopics", "false",
                "--stateDir", dir.resolve("state").toString(), "--kafkaProperty", "ssl.key.password=hunter2");

        String output = java.nio.file.Files.readString(log);
        assertThat(exit).isEqualTo(1);
        assertThat(output).contains("missing topics [absent-raw, absent-pairs, raw-events-dlq, unpaired-topic]");
        assertThat(output).as("the effective configuration, secrets masked")
                .contains("streams-runner starting with pairSum=12", "ssl.key.password=*****")
                .doesNotContain("hunter2");
    }

    @Test
    void aCompactedOutputTopicIsRefusedNamingTopicAndSetting(@TempDir Path dir) throws Exception {
        kafka.createTopics(1, "compact-raw", "compact-dlq", "compact-unpaired");
        try (org.apache.kafka.clients.admin.Admin admin = kafka.admin()) {
            admin.createTopics(java.util.List.of(new org.apache.kafka.clients.admin.NewTopic("compact-pairs", 1, (short) 1)
                    .configs(java.util.Map.of("cleanup.policy", "compact")))).all().get();
        }
        Path log = dir.resolve("out.log");

        int exit = run(log, "--bootstrapServers", kafka.bootstrapServers(),
                "--rawTopic", "compact-raw", "--enrichedTopic", "compact-pairs", "--DLQ", "compact-dlq",
                "--unpairedTopic", "compact-unpaired", "--stateDir", dir.resolve("state").toString());

        String output = java.nio.file.Files.readString(log);
        assertThat(exit).isEqualTo(1);
        assertThat(output).contains("cannot start: output topic compact-pairs has cleanup.policy=compact",
                "--allowCompactedOutputs true");
    }

    /** The packaged runner with exactly these arguments, to its end; its exit status. */
    private static int run(Path log, String... args) {
        try (StreamsRunnerProcess runner = StreamsRunnerProcess.start(LocalBuild.locate(),
                RunnerFlags.verbatim(List.of(args)), log)) {
            return runner.process().waitFor(EXIT_WITHIN);
        }
    }
}
