package dev.pairing.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OutputWatchTest {

    private static final long S = 1_000_000_000L;

    @Test
    void theRateStartsAfterTheFirstCommitAndIsScaledFromOutputOffsetsToInputEvents() {
        // started at 0, first visible at 5 s with 10,000 offsets, all 510,000 visible at 35 s
        OutputWatch.Drain drain = new OutputWatch.Drain(0, 5 * S, 10_000, 35 * S, 510_000, CpuTimes.NONE);

        assertThat(drain.windowSeconds()).isEqualTo(30.0);
        assertThat(drain.firstVisibleSeconds()).isEqualTo(5.0);
        assertThat(drain.wallSeconds()).isEqualTo(35.0);
        // a pipeline writes about half an output per input: 1,020,000 inputs made 510,000 offsets
        assertThat(drain.eventsInWindow(1_020_000)).isCloseTo(1_000_000, within(1e-6));
        assertThat(drain.eventsPerSecond(1_020_000)).isCloseTo(1_000_000 / 30.0, within(1e-6));
    }
}
