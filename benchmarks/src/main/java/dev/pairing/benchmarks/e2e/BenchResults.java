package dev.pairing.benchmarks.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything one run measured, in the order it was measured, for the report. */
final class BenchResults {

    static final String BASELINE = "baseline";

    /**
     * One measured drain.
     *
     * @param round         1 for the first round of the baseline and each engine, and so on
     * @param windowSeconds first visible output to the last expected one: what events/s is measured over
     * @param memory        peak RSS of the engine's processes and the broker during the drain
     */
    record Throughput(String name, int round, double eventsPerSecond, double windowSeconds, double wallSeconds,
            double firstVisibleSeconds, long outputs, MemoryPeak memory) {}

    record Latency(String name, String guarantee, Percentiles percentiles) {}

    /**
     * The pending-state scenario for one engine and round: input events/s while N numbers of one side
     * join the queue (fill) and while N complements each pair with the queue's head (drain), against
     * the same count alternating so nothing waits (empty). Fill and empty-by-commits are measured by
     * the group's committed input offsets; drain and empty-by-output by visible pairs.
     */
    record Pending(String name, int round, long pendingEvents, double emptyCommittedRate, double fillRate,
            double emptyVisibleRate, double drainRate, MemoryPeak emptyMemory, MemoryPeak filledMemory) {

        double fillRatio() {
            return fillRate / emptyCommittedRate;
        }

        double drainRatio() {
            return drainRate / emptyVisibleRate;
        }
    }

    final Map<String, String> machine = new LinkedHashMap<>();
    final Map<String, String> settings = new LinkedHashMap<>();
    Expected expected;
    /** Drains by run name, the baseline first, each run's rounds in order. */
    final Map<String, List<Throughput>> drains = new LinkedHashMap<>();
    final Map<String, Double> targets = new LinkedHashMap<>();
    Latency baselineLatency;
    final List<Latency> latencies = new ArrayList<>();
    final List<Pending> pending = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    /** Warnings of the pending scenario's windows; the drains' are computed by {@link #windowWarnings}. */
    final List<String> pendingWarnings = new ArrayList<>();

    void add(Throughput t) {
        drains.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(t);
    }

    List<String> runs() {
        return List.copyOf(drains.keySet());
    }

    List<String> engineRuns() {
        return runs().stream().filter(r -> !r.equals(BASELINE)).toList();
    }

    Spread eventsPerSecond(String run) {
        return Spread.of(drains.getOrDefault(run, List.of()).stream().map(Throughput::eventsPerSecond).toList());
    }

    Spread windowSeconds(String run) {
        return Spread.of(drains.getOrDefault(run, List.of()).stream().map(Throughput::windowSeconds).toList());
    }

    /** Each round's rate over the baseline's rate of the same round; NaN where that round has no baseline. */
    List<Double> roundRatios(String run) {
        List<Double> ratios = new ArrayList<>();
        for (Throughput t : drains.getOrDefault(run, List.of())) {
            ratios.add(baselineOf(t.round()).map(b -> t.eventsPerSecond() / b.eventsPerSecond()).orElse(Double.NaN));
        }
        return ratios;
    }

    /** The median of the per-round ratios, and their range. */
    Spread ratio(String run) {
        return Spread.of(roundRatios(run));
    }

    double ratioOf(Throughput t) {
        return baselineOf(t.round()).map(b -> t.eventsPerSecond() / b.eventsPerSecond()).orElse(Double.NaN);
    }

    double target(String run) {
        return targets.getOrDefault(run, Double.NaN);
    }

    MemoryPeak memory(String run) {
        return drains.getOrDefault(run, List.of()).stream().map(Throughput::memory).reduce(MemoryPeak.NONE,
                MemoryPeak::max);
    }

    /** A warning line per run whose shortest measuring window was under the minimum. */
    List<String> windowWarnings() {
        List<String> warnings = new ArrayList<>(pendingWarnings);
        for (String run : runs()) {
            MeasuringWindow.check(run, windowSeconds(run).min(), eventsPerSecond(run).median(), expected.inputs())
                    .ifPresent(warnings::add);
        }
        return warnings;
    }

    private Optional<Throughput> baselineOf(int round) {
        return drains.getOrDefault(BASELINE, List.of()).stream().filter(b -> b.round() == round).findFirst();
    }
}
