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
    void byDefaultThreeRoundsOfTheDrainOverFourMillionEventsWithEachEnginesOwnCopy() throws UsageException {
        BenchSettings s = parse();

        assertThat(s.scenario()).isEqualTo(BenchSettings.Scenario.DRAIN);
        assertThat(s.repeat()).isEqualTo(3);
        assertThat(s.events()).isEqualTo(4_000_000);
        assertThat(s.ownCopies()).containsExactly("streams-copy", "flink-copy");
        assertThat(s.pendingEvents()).isEqualTo(1_000_000);
        assertThat(s.streamsThreads()).isEqualTo(1);
        assertThat(s.flinkParallelism()).isEqualTo(1);
        assertThat(s.streamsFlags()).doesNotContain("--kafkaProperty");
        assertThat(s.flinkTaskManagers()).isEqualTo(1);
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
