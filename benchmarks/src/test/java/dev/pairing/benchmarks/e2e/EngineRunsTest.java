package dev.pairing.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.flags.UsageException;
import dev.pairing.launcher.runner.RunnerFlags;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class EngineRunsTest {

    private static final RunTopics TOPICS = RunTopics.fresh("bench-raw", "drain02-streams");

    private static List<String> commandLine(String run, String... benchFlags) throws UsageException {
        BenchSettings settings = BenchSettings.from(BenchSettings.flags().parse(benchFlags));
        return EngineRuns.commandLine(run, settings, "127.0.0.1:9092", TOPICS, RunnerFlags.EXACTLY_ONCE).toArgs();
    }

    @Test
    void eachEnginesCopyGetsTheCommandLineOfItsPipeline() throws UsageException {
        assertThat(commandLine("streams-copy", "--streamsThreads", "2")).isEqualTo(commandLine("streams", "--streamsThreads", "2"));
        assertThat(commandLine("flink-copy")).isEqualTo(commandLine("flink"));
    }

    @Test
    void everyEngineGetsTheClientSettingsOfEveryRun() throws UsageException {
        for (String run : List.of("streams", "streams-copy", "flink", "flink-copy")) {
            assertThat(commandLine(run)).containsSubsequence("--kafkaProperty", "batch.size=262144")
                    .containsSubsequence("--kafkaProperty", "linger.ms=5")
                    .containsSubsequence("--kafkaProperty", "max.poll.records=5000")
                    .containsSubsequence("--guarantee", "exactly_once");
        }
        assertThat(commandLine("flink")).containsSubsequence("--checkpointInterval", "1s");
        assertThat(commandLine("streams")).containsSubsequence("--commitInterval", "100ms");
    }

    /** What the copy app does with the command line: the runner's own parsing and configuration. */
    @Test
    void theStreamsRunnersOwnParserTakesTheBenchsCommandLineAndConfiguresTheCopyAsTheRunner() throws Exception {
        List<String> args = commandLine("streams-copy", "--streamsThreads", "2");
        List<String> withState = new java.util.ArrayList<>(args);
        withState.addAll(List.of("--stateDir", "/tmp/bench-test-state"));

        Properties props = dev.pairing.streams.StreamsRunnerFlags.parse(withState.toArray(String[]::new))
                .streamsProperties();

        assertThat(props).containsEntry("linger.ms", "5").containsEntry("batch.size", "262144")
                .containsEntry("max.poll.records", "5000").containsEntry("num.stream.threads", "2")
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "drain02-streams");
    }

    @Test
    void flinksRunsAndTheSlowBaselineMakeOutputVisibleAtFlinksCheckpointsTheRestEvery100Ms() {
        assertThat(EngineRuns.cadenceOf("flink")).isEqualTo(Duration.ofSeconds(1));
        assertThat(EngineRuns.cadenceOf("flink-copy")).isEqualTo(Duration.ofSeconds(1));
        assertThat(EngineRuns.cadenceOf("baseline-1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(EngineRuns.cadenceOf("streams")).isEqualTo(Duration.ofMillis(100));
        assertThat(EngineRuns.cadenceOf("baseline")).isEqualTo(Duration.ofMillis(100));
        assertThat(EngineRuns.cadenceBaselineOf("flink")).isEqualTo("baseline-1s");
        assertThat(EngineRuns.cadenceBaselineOf("streams-copy")).isEqualTo("baseline");
    }
}
