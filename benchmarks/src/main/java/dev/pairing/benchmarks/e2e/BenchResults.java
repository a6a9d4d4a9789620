package dev.pairing.benchmarks.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** Everything one run measured, in the order it was measured, for the report. */
final class BenchResults {

    static final String BASELINE = "baseline";
    /** The baseline's copy loop committing at Flink's checkpoint cadence. */
    static final String BASELINE_AT_CHECKPOINTS = BASELINE + "-" + Tuning.spell(Tuning.FLINK_CHECKPOINTS);

    /**
     * One measured drain.
     *
     * @param round         1 for the first round of each run, and so on
     * @param windowSeconds first visible output to the last expected one: what events/s is measured over
     * @param outputOffsets the output's offsets at the end: its records plus the transaction markers
     * @param memory        peak RSS of the run's processes and the broker during the drain
     * @param cpu           CPU seconds of the run's processes, the broker's and the harness's within the window
     * @param writes        what the run wrote, by kind of topic, from its start to its stop
     * @param inputs        the input events the run drained
     */
    record Throughput(String name, int round, double eventsPerSecond, double windowSeconds, double wallSeconds,
            double firstVisibleSeconds, long outputOffsets, MemoryPeak memory, CpuTimes cpu, TopicWrites writes,
            long inputs) {

        /** The input events whose output became visible within the window. */
        double eventsInWindow() {
            return eventsPerSecond * windowSeconds;
        }

        /** CPU microseconds per input event of the run's processes, the broker and the harness together. */
        double cpuMicrosPerEvent() {
            return cpu.secondsByProcess().isEmpty() ? Double.NaN : cpu.totalSeconds() * 1e6 / eventsInWindow();
        }

        /** {@link #cpuMicrosPerEvent} of each process. */
        Map<String, Double> cpuMicrosPerEventByProcess() {
            return cpu.microsPerEvent(eventsInWindow());
        }

        /** How many cores the rest of the machine kept busy on average within the window. */
        double otherCores() {
            return cpu.otherSeconds() / windowSeconds;
        }

        /** Records written to the run's own topics (outputs, changelogs, repartitions) per input event. */
        double recordsWrittenPerEvent() {
            return writes.recordsPerEvent(inputs);
        }

        double bytesWrittenPerEvent() {
            return writes.bytesPerEvent(inputs);
        }

        double recordsWrittenPerEvent(TopicWrites.Kind kind) {
            return writes.recordsPerEvent(kind, inputs);
        }
    }

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
    /** Every drain in the order it ran: a run's baselines are its neighbours here. */
    final List<Throughput> sequence = new ArrayList<>();
    /** Drains by run name, the baseline first, each run's rounds in order. */
    final Map<String, List<Throughput>> drains = new LinkedHashMap<>();
    /** The pipelines' targets as ratios to the baseline. */
    final Map<String, Double> targets = new LinkedHashMap<>();
    /** The pipelines' targets as ratios to their own copy. */
    final Map<String, Double> copyTargets = new LinkedHashMap<>();
    /** The most changelog records per input event a pipeline may write. */
    final Map<String, Double> changelogTargets = new LinkedHashMap<>();
    Latency baselineLatency;
    final List<Latency> latencies = new ArrayList<>();
    final List<Pending> pending = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    /** Warnings of the pending scenario's windows; the drains' are computed by {@link #windowWarnings}. */
    final List<String> pendingWarnings = new ArrayList<>();

    void add(Throughput t) {
        sequence.add(t);
        drains.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(t);
    }

    List<String> runs() {
        return List.copyOf(drains.keySet());
    }

    List<String> engineRuns() {
        return runs().stream().filter(r -> !r.equals(BASELINE)).toList();
    }

    Spread eventsPerSecond(String run) {
        return spread(run, Throughput::eventsPerSecond);
    }

    Spread windowSeconds(String run) {
        return spread(run, Throughput::windowSeconds);
    }

    /** The median and range over a run's rounds of any per-drain figure. */
    Spread spread(String run, ToDoubleFunction<Throughput> figure) {
        return Spread.of(drains.getOrDefault(run, List.of()).stream().map(t -> figure.applyAsDouble(t)).toList());
    }

    /**
     * The baseline a drain is compared with: the mean rate of the baseline drains right before and
     * right after it, so a load that drifts evenly over the two cancels; one of them when the other
     * is missing, NaN when both are.
     */
    double baselineAround(Throughput t) {
        int at = 0;
        // by identity: two drains may measure alike
        while (at < sequence.size() && sequence.get(at) != t) {
            at++;
        }
        double before = Double.NaN;
        for (int i = at - 1; i >= 0 && Double.isNaN(before); i--) {
            before = sequence.get(i).name().equals(BASELINE) ? sequence.get(i).eventsPerSecond() : Double.NaN;
        }
        double after = Double.NaN;
        for (int i = at + 1; i < sequence.size() && Double.isNaN(after); i++) {
            after = sequence.get(i).name().equals(BASELINE) ? sequence.get(i).eventsPerSecond() : Double.NaN;
        }
        if (Double.isNaN(before)) {
            return after;
        }
        return Double.isNaN(after) ? before : (before + after) / 2;
    }

    /** A drain's rate over its baselines' ({@link #baselineAround}); 1 for a baseline drain. */
    double ratioOf(Throughput t) {
        return t.name().equals(BASELINE) ? 1.0 : t.eventsPerSecond() / baselineAround(t);
    }

    /** Each round's ratio to the baseline, in round order. */
    List<Double> roundRatios(String run) {
        return drains.getOrDefault(run, List.of()).stream().map(this::ratioOf).toList();
    }

    /** The median of the per-round ratios, and their range. */
    Spread ratio(String run) {
        return Spread.of(roundRatios(run));
    }

    /**
     * A pipeline's rate over its own copy's, round by round, each first taken over its own baselines
     * so that a load drifting between the two runs cancels; empty for other runs.
     */
    List<Double> copyRatios(String run) {
        if (!EngineRuns.isPipeline(run)) {
            return List.of();
        }
        return relativeTo(run, EngineRuns.ownCopyOf(run));
    }

    Spread ratioToCopy(String run) {
        return Spread.of(copyRatios(run));
    }

    /**
     * The ratio to the baseline that commits at the run's cadence, round by round: for Flink's runs
     * the 1 s baseline, each over its own baselines; for the rest, their ratio to the baseline.
     */
    List<Double> cadenceRatios(String run) {
        String baseline = EngineRuns.cadenceBaselineOf(run);
        return baseline.equals(BASELINE) || run.equals(baseline) ? roundRatios(run) : relativeTo(run, baseline);
    }

    Spread ratioAtCadence(String run) {
        return Spread.of(cadenceRatios(run));
    }

    /** Each round's ratio of {@code run} over that of {@code other} in the same round; NaN where other has none. */
    private List<Double> relativeTo(String run, String other) {
        List<Double> ratios = new ArrayList<>();
        for (Throughput t : drains.getOrDefault(run, List.of())) {
            ratios.add(inRound(other, t.round()).map(o -> ratioOf(t) / ratioOf(o)).orElse(Double.NaN));
        }
        return ratios;
    }

    private Optional<Throughput> inRound(String run, int round) {
        return drains.getOrDefault(run, List.of()).stream().filter(t -> t.round() == round).findFirst();
    }

    double target(String run) {
        return targets.getOrDefault(run, Double.NaN);
    }

    double copyTarget(String run) {
        return copyTargets.getOrDefault(run, Double.NaN);
    }

    double changelogTarget(String run) {
        return changelogTargets.getOrDefault(run, Double.NaN);
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
}
