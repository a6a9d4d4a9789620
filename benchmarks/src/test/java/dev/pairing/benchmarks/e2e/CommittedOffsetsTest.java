package dev.pairing.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommittedOffsetsTest {

    private static CommittedOffsets.Point at(double seconds, long offset) {
        return new CommittedOffsets.Point((long) (seconds * 1e9), offset);
    }

    @Test
    void theFillRateRunsFromTheFirstCommitToTheLastOneWithinTheFill() {
        // commits at 1 s, 2 s, 3 s within the first 100,000; the one at 4 s already holds drain events
        List<CommittedOffsets.Point> points = List.of(at(1, 20_000), at(2, 60_000), at(3, 100_000), at(4, 150_000));

        assertThat(CommittedOffsets.rate(points, 0, 100_000)).isEqualTo(40_000.0);
        assertThat(CommittedOffsets.windowSeconds(points, 0, 100_000)).isEqualTo(2.0);
    }

    @Test
    void aPhaseWithinOneCommitHasNoRate() {
        assertThat(CommittedOffsets.rate(List.of(at(1, 100_000), at(2, 200_000)), 0, 100_000)).isNaN();
        assertThat(CommittedOffsets.rate(List.of(), 0, 100_000)).isNaN();
        assertThat(CommittedOffsets.windowSeconds(List.of(at(1, 100_000)), 0, 100_000)).isZero();
    }
}
