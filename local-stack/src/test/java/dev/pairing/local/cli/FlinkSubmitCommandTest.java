package dev.pairing.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.flags.FlagSet;
import dev.pairing.flags.ParsedFlags;
import dev.pairing.flink.JobFlags;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ./pairing flink} takes every flag the job declares, from the job's own declaration, and
 * hands the job exactly the ones given. Runs on this module's classpath, which has flink-runner's
 * classes but not Flink's: the declaration must load without them, as in {@code ./pairing}.
 */
class FlinkSubmitCommandTest {

    private static final Path JAR = Path.of("flink-runner.jar");

    private static List<String> jobArgs(String... args) throws Exception {
        ParsedFlags flags = FlinkSubmitCommand.flags().parse(args);
        return FlinkSubmitCommand.submission(JAR, flags, List.of()).flags().toArgs();
    }

    @Test
    void theFlagsOnceUnknownWithoutABareDoubleDashReachTheJobExactlyAsGiven() throws Exception {
        List<String> job = jobArgs("--jobmanager", "flink:8081", "--schemaRegistry", "http://registry:8085/apis/ccompat/v7",
                "--outputFormat", "confluent", "--replicationFactor", "3", "--createTopics", "false",
                "--allowCompactedOutputs", "true", "--bootstrapServers", "kafka:9092", "--kafkaProperty", "acks=all",
                "--kafkaProperty", "linger.ms=5");

        assertThat(job).containsExactly("--schemaRegistry", "http://registry:8085/apis/ccompat/v7",
                "--outputFormat", "confluent", "--replicationFactor", "3", "--createTopics", "false",
                "--allowCompactedOutputs", "true", "--bootstrapServers", "kafka:9092",
                "--kafkaProperty", "acks=all", "--kafkaProperty", "linger.ms=5");
        ParsedFlags received = JobFlags.declare().parse(job.toArray(String[]::new));
        assertThat(received.string("schemaRegistry")).isEqualTo("http://registry:8085/apis/ccompat/v7");
        assertThat(received.string("outputFormat")).isEqualTo("confluent");
        assertThat(received.strings("kafkaProperty")).containsExactly("acks=all", "linger.ms=5");
    }

    @Test
    void everyFlagTheJobDeclaresIsAcceptedAndNoneIsPassedOnUngiven() throws Exception {
        FlagSet submit = FlinkSubmitCommand.flags();
        for (String name : JobFlags.declare().names()) {
            assertThat(submit.declares(name)).as("--" + name).isTrue();
        }
        assertThat(jobArgs("--jobmanager", "flink:8081", "--fromSavepoint", "/sp", "--awaitRunning", "0")).isEmpty();
        assertThat(FlinkSubmitCommand.submission(JAR, submit.parse("--fromSavepoint", "/sp"), List.of()).snapshot())
                .isEqualTo("/sp");
    }

    @Test
    void whatFollowsABareDoubleDashGoesToTheJobVerbatim() throws Exception {
        ParsedFlags flags = FlinkSubmitCommand.flags().parse("--pairSum", "10");
        assertThat(FlinkSubmitCommand.submission(JAR, flags, List.of("--extra", "1")).flags().toArgs())
                .containsExactly("--pairSum", "10", "--extra", "1");
    }

    @Test
    void helpShowsTheSubmitCommandsOwnFlagsAndTheJobs() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = FlinkSubmitCommand.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(status).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).contains("--jobmanager", "--fromSavepoint", "--jobJar", "--awaitRunning");
        for (String name : JobFlags.declare().names()) {
            assertThat(help).containsPattern("(?m)^  --" + name + " ");
        }
    }

    @Test
    void aFlagNeitherDeclaresIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = FlinkSubmitCommand.run(new String[] {"--schemaRegistri", "x"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown flag --schemaRegistri");
    }
}
