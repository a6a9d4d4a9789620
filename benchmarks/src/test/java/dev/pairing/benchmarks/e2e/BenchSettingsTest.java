package dev.pairing.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.flags.UsageException;
import org.junit.jupiter.api.Test;

class BenchSettingsTest {

    private static BenchSettings parse(String... args) throws UsageException {
        return BenchSettings.from(BenchSettings.flags().parse(args));
    }

    @Test
    void byDefaultThreeRoundsOfFortyMillionEventsWithAWarmUpAndEachEnginesOwnCopy() throws UsageException {
        BenchSettings s = parse();

        assertThat(s.scenario()).isEqualTo(BenchSettings.Scenario.DRAIN);
        assertThat(s.repeat()).isEqualTo(3);
        // 30 s and a margin for the baseline at the 0.8-1.1 million events/s of a quiet machine
        assertThat(s.events()).isEqualTo(40_000_000);
        assertThat(s.events() / 1_100_000.0).isGreaterThan(MeasuringWindow.MIN_SECONDS);
        assertThat(s.warmupEvents()).isEqualTo(1_000_000);
        assertThat(s.ownCopies()).containsExactly("streams-copy", "flink-copy");
        assertThat(s.pendingEvents()).isEqualTo(1_000_000);
        assertThat(s.streamsThreads()).isEqualTo(1);
        assertThat(s.flinkParallelism()).isEqualTo(1);
        assertThat(s.streamsFlags()).containsExactly("--commitInterval", "100ms");
        assertThat(s.flinkTaskManagers()).isEqualTo(1);
    }

    @Test
    void eachRoundDrainsEachEngineAndItsCopyAndBeforeFlinkTheBaselineAtFlinksCadence() throws UsageException {
        assertThat(parse().runs()).containsExactly("streams", "streams-copy", "baseline-1s", "flink", "flink-copy");
        assertThat(parse("--engine", "streams").runs()).containsExactly("streams", "streams-copy");
        assertThat(parse("--engine", "flink", "--copies", "false").runs()).containsExactly("baseline-1s", "flink");
    }

    @Test
    void theSettingsLineNamesTheClientSettingsEveryRunHasAndTheOrderOfTheRuns() throws UsageException {
        java.util.Map<String, String> line = new java.util.LinkedHashMap<>();
        parse().describeInto(line);

        assertThat(line).containsEntry("client settings (every run)", "batch.size=262144 linger.ms=5 max.poll.records=5000")
                .containsEntry("warm-up", "one drain of 1,000,000 events per run, not measured");
        assertThat(line.get("rounds")).startsWith("3 (streams, streams-copy, baseline-1s, flink, flink-copy, each "
                + "between two baseline drains");
        assertThat(line.get("cadences")).contains("flink checkpoints every 1s");
    }

    @Test
    void aWarmUpIsNoneOrLongEnoughToDrainForAWhile() throws UsageException {
        assertThat(parse("--warmupEvents", "0").warmupEvents()).isZero();
        assertThatThrownBy(() -> parse("--warmupEvents", "5000")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--warmupEvents must be 0 (no warm-up) or at least 100000");
    }

    @Test
    void eachEngineIsBoundedByItsOwnCopyUnlessCopiesAreTurnedOff() throws UsageException {
        assertThat(parse("--engine", "streams").ownCopies()).containsExactly("streams-copy");
        assertThat(parse("--engine", "flink").ownCopies()).containsExactly("flink-copy");
        assertThat(parse("--copies", "false").ownCopies()).isEmpty();
    }

    @Test
    void badRepeatsAreUsageErrors() {
        assertThatThrownBy(() -> parse("--repeat", "0")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--repeat must be within 1..20");
        assertThatThrownBy(() -> parse("--repeat", "three")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--repeat must be a whole number");
    }

    @Test
    void morePendingThanTheRunnersKeepPerClassIsAUsageError() {
        assertThatThrownBy(() -> parse("--pendingEvents", "1000001")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--pendingEvents must be within 10000..1000000");
    }

    @Test
    void thePendingScenarioNeedsNumbersThatCanWait() {
        assertThatThrownBy(() -> parse("--scenario", "pending", "--pairSum", "0")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--scenario pending needs --pairSum of at least 1");
        assertThatThrownBy(() -> parse("--scenario", "backlog")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--scenario must be one of drain, pending");
    }

    @Test
    void streamsThreadsReachTheRunnerAsNumStreamThreads() throws UsageException {
        assertThat(parse("--streamsThreads", "2").streamsFlags())
                .containsSubsequence("--kafkaProperty", "num.stream.threads=2");
        assertThatThrownBy(() -> parse("--streamsThreads", "0")).isInstanceOf(UsageException.class);
    }

    @Test
    void flinkParallelismGetsATaskManagerPerTwoSlots() throws UsageException {
        assertThat(parse("--flinkParallelism", "2").flinkTaskManagers()).isEqualTo(1);
        assertThat(parse("--flinkParallelism", "3").flinkTaskManagers()).isEqualTo(2);
        assertThat(parse("--flinkParallelism", "6", "--partitions", "6").flinkTaskManagers()).isEqualTo(3);
        assertThatThrownBy(() -> parse("--flinkParallelism", "0")).isInstanceOf(UsageException.class);
    }
}
