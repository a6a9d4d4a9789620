package dev.pairing.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryPeakTest {

    private static Map<String, Long> rss(long engineKb, long brokerKb) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("streams runner", engineKb);
        m.put("broker", brokerKb);
        return m;
    }

    @Test
    void theTotalIsThePeakAtOneInstantNotTheSumOfPeaks() {
        MemoryPeak peak = MemoryPeak.NONE.plus(rss(900 * 1024, 300 * 1024)).plus(rss(400 * 1024, 700 * 1024));

        assertThat(peak.peakKbByProcess()).containsEntry("streams runner", 900L * 1024).containsEntry("broker", 700L * 1024);
        assertThat(peak.peakTotalKb()).isEqualTo(1200L * 1024);
        assertThat(peak.withinBudget()).isTrue();
        assertThat(peak.describe()).isEqualTo(
                "streams runner 900 MiB, broker 700 MiB; together 1,200 MiB of 1,536 MiB: met");
    }

    @Test
    void overOneAndAHalfGibibytesTogetherMissesTheBudget() {
        MemoryPeak peak = MemoryPeak.NONE.plus(rss(1000 * 1024, 537 * 1024));

        assertThat(peak.withinBudget()).isFalse();
        assertThat(peak.describe()).endsWith("together 1,537 MiB of 1,536 MiB: NOT met");
    }

    @Test
    void roundsCombineByTheirPeaks() {
        MemoryPeak a = MemoryPeak.NONE.plus(rss(500, 100));
        MemoryPeak b = MemoryPeak.NONE.plus(rss(200, 300));

        MemoryPeak both = a.max(b);

        assertThat(both.peakKbByProcess()).containsEntry("streams runner", 500L).containsEntry("broker", 300L);
        assertThat(both.peakTotalKb()).isEqualTo(600);
        assertThat(both.samples()).isEqualTo(2);
        assertThat(MemoryPeak.NONE.describe()).isEqualTo("not sampled");
    }
}
