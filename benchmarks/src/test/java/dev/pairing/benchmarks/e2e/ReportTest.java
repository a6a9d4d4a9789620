package dev.pairing.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pairing.benchmarks.e2e.TopicWrites.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static final long INPUTS = 2_000_000;

    private static BenchResults.Throughput drain(String run, int round, double eventsPerSecond, double window) {
        // CPU: the engine 10 µs and the broker 4 µs per event over the window's events; 1 core of other work
        double events = eventsPerSecond * window;
        Map<String, Double> seconds = new LinkedHashMap<>();
        seconds.put("engine", 10e-6 * events);
        seconds.put("broker", 4e-6 * events);
        CpuTimes cpu = new CpuTimes(seconds, 14e-6 * events + window);
        TopicWrites writes = new TopicWrites(Map.of(Kind.OUTPUTS, 1_000_000L, Kind.CHANGELOGS, 60_000L,
                Kind.KAFKA_INTERNAL, 2_000L), Map.of(Kind.OUTPUTS, 40_000_000L, Kind.CHANGELOGS, 2_000_000L));
        return new BenchResults.Throughput(run, round, eventsPerSecond, window, window + 4, 3.5, 1000,
                MemoryPeak.NONE.plus(Map.of("broker", 400L * 1024)), cpu, writes, INPUTS);
    }

    /**
     * Rounds as the bench runs them, every run between two baselines: B S B SC B F B FC B, twice,
     * on a machine that slows down evenly, so each run's two baselines average to its own load.
     */
    private static BenchResults twoRounds() {
        BenchResults r = new BenchResults();
        r.expected = new Expected(INPUTS, 990_000, 20_000, 0, 0);
        r.targets.putAll(Bench.TARGETS);
        r.copyTargets.putAll(Bench.COPY_TARGETS);
        r.changelogTargets.putAll(Bench.CHANGELOG_TARGETS);
        double base = 1_000_000;
        r.add(drain("baseline", 1, base, 40));
        int round = 1;
        for (int pass = 0; pass < 2; pass++) {
            for (String run : List.of("streams", "streams-copy", "baseline-1s", "flink", "flink-copy")) {
                // the load grows by 2.5% of the first baseline's rate per drain
                base -= 25_000;
                double share = switch (run) {
                    case "streams" -> 0.2;
                    case "streams-copy" -> 0.4;
                    case "baseline-1s" -> 1.25;
                    case "flink" -> 0.5;
                    default -> 0.625;
                };
                r.add(drain(run, round, base * share, 40));
                base -= 25_000;
                r.add(drain("baseline", round, base, 40));
            }
            round++;
        }
        return r;
    }

    @Test
    void eachDrainIsComparedWithTheMeanOfTheBaselinesBeforeAndAfterIt() {
        BenchResults r = twoRounds();

        // streams in round 1 ran at 975,000 x 0.2 between baselines of 1,000,000 and 950,000
        BenchResults.Throughput streams = r.drains.get("streams").get(0);
        assertThat(r.baselineAround(streams)).isEqualTo(975_000);
        assertThat(r.roundRatios("streams")).allSatisfy(ratio -> assertThat(ratio).isCloseTo(0.2, within(1e-12)));
        assertThat(r.ratio("flink").median()).isCloseTo(0.5, within(1e-12));
        assertThat(r.ratio("baseline").median()).isEqualTo(1.0);
    }

    @Test
    void aPipelineIsComparedWithItsOwnCopyInTheSameRoundAndFlinkWithTheBaselineAtItsCadence() {
        BenchResults r = twoRounds();

        assertThat(r.copyRatios("streams")).hasSize(2).allSatisfy(x -> assertThat(x).isCloseTo(0.5, within(1e-12)));
        assertThat(r.ratioToCopy("flink").median()).isCloseTo(0.8, within(1e-12));
        assertThat(r.copyRatios("streams-copy")).isEmpty();
        assertThat(r.ratioAtCadence("flink").median()).isCloseTo(0.4, within(1e-12));
        assertThat(r.ratioAtCadence("flink-copy").median()).isCloseTo(0.5, within(1e-12));
        // the 100 ms runs' cadence is the baseline's own
        assertThat(r.ratioAtCadence("streams").median()).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void theCostOfADrainIsPerInputEventOfItsWindow() {
        BenchResults.Throughput t = drain("streams", 1, 100_000, 40);

        assertThat(t.cpuMicrosPerEvent()).isCloseTo(14.0, within(1e-9));
        assertThat(t.cpuMicrosPerEventByProcess().get("engine")).isCloseTo(10.0, within(1e-9));
        assertThat(t.otherCores()).isCloseTo(1.0, within(1e-9));
        assertThat(t.recordsWrittenPerEvent()).isCloseTo(0.53, within(1e-12));
        assertThat(t.recordsWrittenPerEvent(Kind.CHANGELOGS)).isCloseTo(0.03, within(1e-12));
        assertThat(t.bytesWrittenPerEvent()).isCloseTo(21.0, within(1e-12));
    }

    @Test
    void theTablesShowRatiosToTheBaselineTheCopyAndTheCadenceBesideTheCostPerEvent() {
        String md = Report.markdown(twoRounds(), "./pairing bench");

        assertThat(md).contains("median of 2 rounds")
                .contains("| baseline: raw Kafka EOS copy | ")
                .contains("| streams | ").contains("| 0.20 | 0.20-0.20 | 100ms | 0.20 | 0.50 (0.50-0.50) "
                        + "| >= 0.3; >= 0.8 | **no**; **no** | 40.0 s |")
                .contains("| flink | ").contains("| 0.50 | 0.50-0.50 | 1s | 0.40 | 0.80 (0.80-0.80) "
                        + "| >= 0.7; >= 1.0 | **no**; **no** |")
                .contains("## Cost per input event")
                .contains("| streams | 14.00 | engine 10.00, broker 4.00 | 1.0 cores | 0.530 | 0.500 | 0.030 "
                        + "(target <= 0.05: yes) | 0.000 | 21.0 | 0.001 |")
                .doesNotContain("WARNING");
    }

    @Test
    void jsonKeepsRunAndTheMedianRatioAndAddsTheCopyRatioTheCpuAndTheWritesPerEvent() {
        String json = Report.json(twoRounds(), "./pairing bench");

        assertThat(json).contains("{\"run\": \"streams\", \"eventsPerSecond\": ")
                .containsPattern("\"run\": \"streams\", \"eventsPerSecond\": [0-9.]+, \"ratioToBaseline\": 0.200,")
                .contains("\"ratioToCopy\": 0.500,").contains("\"ratioToCopyTarget\": 0.800,")
                .contains("\"cadence\": \"1s\", \"ratioToSameCadenceBaseline\": 0.400,")
                .contains("\"cpuMicrosPerEvent\": 14.000, \"cpuMicrosPerEventByProcess\": {\"engine\": 10.000, "
                        + "\"broker\": 4.000}")
                .contains("\"recordsWrittenPerEvent\": 0.530, \"recordsWrittenPerEventByKind\": {\"outputs\": 0.500, "
                        + "\"changelogs\": 0.030, \"repartitions\": 0.000, \"kafkaInternal\": 0.001}")
                .contains("\"changelogRecordsPerEvent\": 0.030, \"changelogRecordsPerEventTarget\": 0.050")
                .contains("\"baselineAround\": 975000.000").contains("\"peakRssTotalMiB\": 400")
                .contains("\"warnings\": []");
    }

    @Test
    void aShortBaselineWindowIsALoudLineInTheReport() {
        BenchResults r = twoRounds();
        r.add(drain("baseline", 3, 230_000, 1.3));

        String md = Report.markdown(r, "./pairing bench --events 300000");

        assertThat(md).contains("**WARNING: baseline's measuring window was only 1.3 s (under 30 s)")
                .contains("1.3 s **(short)**");
        assertThat(Report.json(r, "x")).contains("\"warnings\": [\"WARNING: baseline's");
    }

    @Test
    void aDrainVisibleInOneCommitHasNoRateAndTheReportsSaySoInsteadOfPrintingNaN() {
        BenchResults r = new BenchResults();
        r.expected = new Expected(100_000, 49_500, 1_000, 0, 0);
        r.add(drain("baseline", 1, 1_000_000, 0.1));
        // all of baseline-1s's output in one commit: a window of 0 s, so no rate and no ratio
        r.add(drain("baseline-1s", 1, Double.NaN, 0));
        r.add(drain("baseline", 1, 1_000_000, 0.1));

        String md = Report.markdown(r, "./pairing bench --events 100000");
        String json = Report.json(r, "x");

        assertThat(md).doesNotContain("NaN").contains("| baseline-1s | n/a | ")
                .contains("**WARNING: baseline-1s's output became visible in one commit, so it has no rate");
        assertThat(json).doesNotContain("NaN").contains("{\"round\": 1, \"eventsPerSecond\": null, ");
    }
}
