package dev.pairing.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static BenchResults.Throughput drain(String run, int round, double eventsPerSecond, double window) {
        return new BenchResults.Throughput(run, round, eventsPerSecond, window, window + 4, 3.5, 1000,
                MemoryPeak.NONE.plus(Map.of("broker", 400L * 1024)));
    }

    /** Three rounds where the machine got slower: the per-round ratios stay put while the rates fall. */
    private static BenchResults threeRounds() {
        BenchResults r = new BenchResults();
        r.expected = new Expected(2_000_000, 990_000, 20_000, 0, 0);
        r.targets.putAll(Bench.TARGETS);
        double[] baseline = {250_000, 200_000, 100_000};
        double[] streams = {50_000, 40_000, 25_000};
        for (int round = 1; round <= 3; round++) {
            r.add(drain("baseline", round, baseline[round - 1], 8));
            r.add(drain("streams", round, streams[round - 1], 40));
        }
        return r;
    }

    @Test
    void theRatioIsTheMedianOfEachRoundsRatioToItsOwnBaseline() {
        BenchResults r = threeRounds();

        assertThat(r.eventsPerSecond("streams").median()).isEqualTo(40_000);
        assertThat(r.roundRatios("streams")).containsExactly(0.2, 0.2, 0.25);
        assertThat(r.ratio("streams").median()).isEqualTo(0.2);
        assertThat(r.ratio("streams").max()).isEqualTo(0.25);
    }

    @Test
    void theTableShowsMediansAndRanges() {
        String md = Report.markdown(threeRounds(), "./pairing bench");

        assertThat(md).contains("median of 3 rounds")
                .contains("| baseline: raw Kafka EOS copy | 200,000 | 100,000-250,000 | 1.00 |")
                .contains("| streams | 40,000 | 25,000-50,000 | 0.20 | 0.20-0.25 | >= 0.6 | **no** | 40.0 s |")
                .doesNotContain("WARNING");
    }

    @Test
    void jsonKeepsRunAndTheMedianRatioAndEverySample() {
        String json = Report.json(threeRounds(), "./pairing bench");

        assertThat(json).contains("{\"run\": \"streams\", \"eventsPerSecond\": 40000.0, \"ratioToBaseline\": 0.200,")
                .contains("{\"round\": 3, \"eventsPerSecond\": 25000.0, \"ratioToBaseline\": 0.250,")
                .contains("\"peakRssTotalMiB\": 400").contains("\"warnings\": []");
    }

    @Test
    void aShortBaselineWindowIsALoudLineInTheReport() {
        BenchResults r = threeRounds();
        r.add(drain("baseline", 4, 230_000, 1.3));

        String md = Report.markdown(r, "./pairing bench --events 300000");

        assertThat(md).contains("**WARNING: baseline's measuring window was only 1.3 s (under 5 s)")
                .contains("1.3 s **(short)**");
        assertThat(Report.json(r, "x")).contains("\"warnings\": [\"WARNING: baseline's");
    }
}
