package dev.pairing.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void theMachineIsBusyInUserNiceSystemIrqSoftirqAndSteal() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        String procStat = "cpu  100 20 30 4000 500 6 7 8 90 0\ncpu0 50 10 15 2000 250 3 3 4 45 0\nintr 1 2 3\n";

        assertThat(ProcessCpu.machineBusyTicks(procStat)).isEqualTo(100 + 20 + 30 + 6 + 7 + 8);
    }

    @Test
    void aSampleOfThisJvmIncludesTheHarnessAndTheMachineAndLeavesOutAProcessThatIsGone() {
        ProcessCpu cpu = new ProcessCpu(Map.of("gone", Long.MAX_VALUE));

        CpuTimes sample = cpu.sample();

        assertThat(sample.secondsByProcess()).containsOnlyKeys(ProcessCpu.HARNESS);
        assertThat(sample.secondsByProcess().get(ProcessCpu.HARNESS)).isPositive();
        assertThat(sample.machineSeconds()).isGreaterThanOrEqualTo(sample.totalSeconds());
    }

    @Test
    void betweenTwoSamplesEachProcessCostsItsDifferenceAndTheRestOfTheMachineIsWhatNoneOfThemUsed() {
        CpuTimes before = new CpuTimes(Map.of("streams runner", 10.0, "broker", 4.0, "harness", 1.0), 100.0);
        CpuTimes after = new CpuTimes(Map.of("streams runner", 40.0, "broker", 16.0, "harness", 1.5, "late", 3.0),
                160.0);

        CpuTimes used = after.minus(before);

        assertThat(used.secondsByProcess()).containsOnlyKeys("streams runner", "broker", "harness");
        assertThat(used.totalSeconds()).isCloseTo(42.5, within(1e-9));
        assertThat(used.otherSeconds()).isCloseTo(60 - 42.5, within(1e-9));
        // 30 s of the runner over 3,000,000 events: 10 µs each
        assertThat(used.microsPerEvent(3_000_000).get("streams runner")).isCloseTo(10.0, within(1e-9));
    }
}
