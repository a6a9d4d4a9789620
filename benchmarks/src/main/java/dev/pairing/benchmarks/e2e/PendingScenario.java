package dev.pairing.benchmarks.e2e;

import dev.pairing.launcher.runner.Runner;
import dev.pairing.launcher.runner.RunnerFlags;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --scenario pending}: does an event cost the same with a million numbers waiting as with
 * none? Two raw topics, each preloaded once into one partition under one class: "filled" holds N of
 * one side then N complements, "empty" the same 2N alternating. Each engine reads each on fresh
 * outputs and a fresh group. While the first N of "filled" join the queue nothing is written, so
 * their rate is read from the group's committed input offsets and compared with the committed
 * offsets' rate on "empty"; the second N each pair with the queue's head, and that rate of visible
 * pairs is compared with the visible rate on "empty".
 */
final class PendingScenario {

    /** Issue 14: the per-event rate stays within 20% of the empty case. */
    static final double MIN_RATIO = 0.8;

    /** 2,000,000 events at the slowest rate seen on a loaded 2-core machine (5,000/s) take under 7 minutes. */
    static final Duration TIMEOUT = Duration.ofMinutes(30);

    /**
     * The shortest window this scenario trusts: less than the drains' {@link MeasuringWindow#MIN_SECONDS},
     * because --pendingEvents cannot grow past the runners' per-class limit to lengthen it.
     */
    static final double MIN_WINDOW_SECONDS = 5.0;

    private static final String EMPTY_RAW = "pending-empty-raw";
    private static final String FILLED_RAW = "pending-filled-raw";

    private final Bench bench;
    private final BenchSettings settings;
    private final String bootstrap;
    private final PrintStream out;

    PendingScenario(Bench bench, BenchSettings settings, String bootstrap, PrintStream out) {
        this.bench = bench;
        this.settings = settings;
        this.bootstrap = bootstrap;
        this.out = out;
    }

    void run(BenchResults results) {
        long n = settings.pendingEvents();
        bench.createTopics(List.of(EMPTY_RAW, FILLED_RAW));
        Preload.oneClass(bootstrap, EMPTY_RAW, n, settings.pairSum(), false, out);
        Preload.oneClass(bootstrap, FILLED_RAW, n, settings.pairSum(), true, out);
        for (int round = 1; round <= settings.repeat(); round++) {
            for (String name : settings.engines()) {
                bench.engines().prepare(name);
                Measured empty = measure(name, EMPTY_RAW, "empty", round);
                Measured filled = measure(name, FILLED_RAW, "filled", round);
                BenchResults.Pending p = new BenchResults.Pending(name, round, n,
                        CommittedOffsets.rate(empty.commits(), 0, 2 * n), CommittedOffsets.rate(filled.commits(), 0, n),
                        empty.drain().eventsPerSecond(2 * n), filled.drain().eventsPerSecond(n), empty.memory(),
                        filled.memory());
                results.pending.add(p);
                report(p);
                warnIfShort(results, name + " fill", CommittedOffsets.windowSeconds(filled.commits(), 0, n));
                warnIfShort(results, name + " empty (by commits)", CommittedOffsets.windowSeconds(empty.commits(), 0, 2 * n));
                warnIfShort(results, name + " drain", filled.drain().windowSeconds());
                warnIfShort(results, name + " empty (by output)", empty.drain().windowSeconds());
            }
        }
        if (settings.repeat() > 1) {
            summarise(results);
        }
    }

    /** The pending figures need windows of 5 s; the cure is a larger N. */
    private void warnIfShort(BenchResults results, String phase, double seconds) {
        if (seconds < MIN_WINDOW_SECONDS) {
            String warning = String.format(Locale.ROOT, "WARNING: %s was measured over only %.1f s (under %.0f s): "
                    + "use a larger --pendingEvents", phase, seconds, MIN_WINDOW_SECONDS);
            out.println(warning);
            results.pendingWarnings.add(warning);
        }
    }

    private void summarise(BenchResults results) {
        out.println("== pending: median of " + settings.repeat() + " rounds, range in brackets");
        for (String name : settings.engines()) {
            List<BenchResults.Pending> rounds = results.pending.stream().filter(p -> p.name().equals(name)).toList();
            Spread fill = Spread.of(rounds.stream().map(BenchResults.Pending::fillRatio).toList());
            Spread drain = Spread.of(rounds.stream().map(BenchResults.Pending::drainRatio).toList());
            out.printf(Locale.ROOT, "   %-9s fill / empty %.2f (%.2f-%.2f), drain / empty %.2f (%.2f-%.2f)%n", name,
                    fill.median(), fill.min(), fill.max(), drain.median(), drain.min(), drain.max());
        }
    }

    private record Measured(List<CommittedOffsets.Point> commits, OutputWatch.Drain drain, MemoryPeak memory) {}

    private Measured measure(String engine, String raw, String kind, int round) {
        long n = settings.pendingEvents();
        RunTopics topics = RunTopics.fresh(raw, "pending-" + kind + "-" + engine + "-r" + round);
        bench.createTopics(topics.outputs());
        String phase = bench.roundTag(round) + engine + " " + kind;
        long start = System.nanoTime();
        Runner runner = bench.engines().start(engine, bootstrap, topics, RunnerFlags.EXACTLY_ONCE);
        Map<String, Long> pids = bench.withBroker(runner.processIds());
        RssSampler rss = RssSampler.start(pids);
        CommittedOffsets commits = CommittedOffsets.watch(bootstrap, topics.groupId(), raw, 2 * n,
                phase + ": committed input", out);
        OutputWatch.Drain drain;
        MemoryPeak memory;
        List<CommittedOffsets.Point> points;
        try {
            // every event of either topic ends in a pair: n pairs, no dead letter, nothing unpaired
            drain = OutputWatch.await(bench.broker(), new OutputWatch.Watched(topics.outputs(), raw, topics.groupId(), n),
                    start, TIMEOUT, () -> Bench.healthy(runner), new ProcessCpu(pids), phase + ": pairs", out);
        } finally {
            points = commits.stop();
            memory = rss.stop();
        }
        runner.abort();
        return new Measured(points, drain, memory);
    }

    private void report(BenchResults.Pending p) {
        out.printf(Locale.ROOT, "-> %s%s, %,d pending: fill %s events/s vs empty %s (%s); drain %,.0f events/s vs "
                        + "empty %,.0f (%.2f); peak RSS with the broker %s (empty %s)%n", bench.roundTag(p.round()),
                p.name(), p.pendingEvents(), rate(p.fillRate()), rate(p.emptyCommittedRate()), ratio(p.fillRatio()),
                p.drainRate(), p.emptyVisibleRate(), p.drainRatio(), MemoryPeak.mib(p.filledMemory().peakTotalKb()),
                MemoryPeak.mib(p.emptyMemory().peakTotalKb()));
    }

    static String rate(double eventsPerSecond) {
        return Double.isNaN(eventsPerSecond) ? "n/a" : String.format(Locale.ROOT, "%,.0f", eventsPerSecond);
    }

    static String ratio(double ratio) {
        return Double.isNaN(ratio) ? "n/a: fewer than two commits in the phase, use a larger --pendingEvents"
                : String.format(Locale.ROOT, "%.2f", ratio);
    }

    static String verdict(double ratio) {
        return Double.isNaN(ratio) ? "n/a" : ratio >= MIN_RATIO ? "yes" : "**no**";
    }
}
