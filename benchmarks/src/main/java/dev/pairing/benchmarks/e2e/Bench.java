package dev.pairing.benchmarks.e2e;

import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.data.DataDir;
import dev.pairing.launcher.kafka.LocalKafka;
import dev.pairing.launcher.process.Ports;
import dev.pairing.launcher.runner.Runner;
import dev.pairing.launcher.runner.RunnerFlags;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;

/**
 * One benchmark run: a fresh local broker; the raw topic preloaded once (and a smaller warm-up
 * topic); one discarded warm-up drain of each run; then rounds, each draining every run once with a
 * baseline drain (the raw Kafka exactly-once copy loop) before and after each, every drain on fresh
 * outputs and a fresh group, its topics deleted once measured; then latency at a fixed rate for the
 * baseline and each engine under both guarantees. Or, with {@code --scenario pending}, the
 * {@link PendingScenario}.
 */
final class Bench {

    /** Issue 23's targets as ratios of the baseline's drain throughput. */
    static final Map<String, Double> TARGETS = Map.of(EngineRuns.STREAMS, 0.3, EngineRuns.FLINK, 0.7);
    /** Issue 23's targets as ratios of the engine's own copy. */
    static final Map<String, Double> COPY_TARGETS = Map.of(EngineRuns.STREAMS, 0.8, EngineRuns.FLINK, 1.0);
    /** Issue 23: pending state that writes at most this many changelog records per input event. */
    static final Map<String, Double> CHANGELOG_TARGETS = Map.of(EngineRuns.STREAMS, 0.05);
    /** A drain may take this long, or longer for a large input: 20,000 events/s is slower than any run seen. */
    static final Duration MIN_DRAIN_TIMEOUT = Duration.ofMinutes(10);

    private static final String RAW = "bench-raw";
    private static final String WARMUP_RAW = "bench-warmup-raw";

    private final BenchSettings settings;
    private final LocalBuild build;
    private final PrintStream out;
    private final EngineRuns engines;
    private LocalKafka kafka;
    private BrokerOffsets broker;
    private int drains;

    Bench(BenchSettings settings, LocalBuild build, PrintStream out) {
        this.settings = settings;
        this.build = build;
        this.out = out;
        this.engines = new EngineRuns(build, settings, out);
    }

    BenchResults run() {
        BenchResults results = new BenchResults();
        results.machine.putAll(Machine.describe());
        settings.describeInto(results.settings);
        results.settings.forEach((k, v) -> out.println("   " + k + ": " + v));
        // the local stack's guard: a mistyped --dataDir that this tool did not create is refused, not deleted
        DataDir.prepare(settings.dataDir(), true);
        out.println("== starting a local Kafka broker in " + settings.dataDir().resolve("kafka"));
        kafka = LocalKafka.start(build, settings.dataDir().resolve("kafka"), Ports.freePort(), Ports.freePort());
        String bootstrap = kafka.bootstrapServers();
        broker = new BrokerOffsets(bootstrap);
        if (settings.scenario() == BenchSettings.Scenario.PENDING) {
            new PendingScenario(this, settings, bootstrap, out).run(results);
            return results;
        }
        createTopics(List.of(RAW));
        results.expected = Preload.fill(bootstrap, RAW, settings.events(), settings.pairSum(), out);
        results.targets.putAll(TARGETS);
        results.copyTargets.putAll(COPY_TARGETS);
        results.changelogTargets.putAll(CHANGELOG_TARGETS);
        if (settings.warmupEvents() > 0) {
            warmUp(bootstrap);
        }
        for (int round = 1; round <= settings.repeat(); round++) {
            if (round == 1) {
                measured(results, drain(BenchResults.BASELINE, bootstrap, RAW, results.expected, round));
            }
            for (String run : settings.runs()) {
                measured(results, drain(run, bootstrap, RAW, results.expected, round));
                measured(results, drain(BenchResults.BASELINE, bootstrap, RAW, results.expected, round));
            }
        }
        summarise(results);
        if (settings.latency()) {
            measureLatencies(bootstrap, results);
        }
        return results;
    }

    /** One drain of each run on a topic of its own, before anything is measured; its figures are printed, not kept. */
    private void warmUp(String bootstrap) {
        createTopics(List.of(WARMUP_RAW));
        Expected warm = Preload.fill(bootstrap, WARMUP_RAW, settings.warmupEvents(), settings.pairSum(), out);
        List<String> runs = new ArrayList<>(List.of(BenchResults.BASELINE));
        runs.addAll(settings.runs());
        for (String run : runs) {
            BenchResults.Throughput t = drain(run, bootstrap, WARMUP_RAW, warm, 0);
            out.printf(Locale.ROOT, "-> warm-up %-13s %s (discarded)%n", t.name(), Double.isNaN(t.eventsPerSecond())
                    ? "no rate: its output became visible in one commit" : String.format(Locale.ROOT, "%,10.0f events/s",
                            t.eventsPerSecond()));
        }
        broker.delete(List.of(WARMUP_RAW));
    }

    private void measured(BenchResults results, BenchResults.Throughput t) {
        results.add(t);
        report(t, results);
    }

    /** What a drain started: the baseline's copy loop in this JVM or an engine's processes. */
    private record Started(Map<String, Long> processIds, BooleanSupplier healthy, Runnable stop,
            Supplier<Throwable> failure) {}

    /** One drain of {@code raw} by {@code run}, measured; round 0 is the warm-up. */
    private BenchResults.Throughput drain(String run, String bootstrap, String raw, Expected expected, int round) {
        boolean baseline = run.equals(BenchResults.BASELINE) || run.equals(BenchResults.BASELINE_AT_CHECKPOINTS);
        if (!baseline) {
            engines.prepare(run);
        }
        drains++;
        RunTopics topics = RunTopics.fresh(raw, String.format(Locale.ROOT, "%s%02d-%s", round == 0 ? "warmup" : "drain",
                drains, run));
        createTopics(baseline ? List.of(topics.enriched()) : topics.outputs());
        // a copy, the baseline's or an engine's, writes every raw record, as it is, to the enriched topic
        boolean copy = baseline || EngineRuns.copiesOnly(run);
        OutputWatch.Watched watched = new OutputWatch.Watched(copy ? List.of(topics.enriched()) : topics.outputs(), raw,
                topics.groupId(), copy ? expected.inputs() : expected.outputs());
        Map<TopicPartition, BrokerOffsets.PartitionLog> before = broker.logs();
        long start = System.nanoTime();
        Started started = baseline ? copyLoop(run, bootstrap, topics, expected.inputs()) : engine(run, bootstrap, topics);
        Map<String, Long> pids = withBroker(started.processIds());
        RssSampler rss = RssSampler.start(pids);
        OutputWatch.Drain drain;
        MemoryPeak memory;
        String phase = (round == 0 ? "warm-up: " : roundTag(round)) + run + " drain (exactly_once)";
        try {
            drain = OutputWatch.await(broker, watched, start, drainTimeout(expected.inputs()), started.healthy(),
                    new ProcessCpu(pids), phase, out);
        } catch (IllegalStateException e) {
            Throwable failure = started.failure().get();
            throw failure == null ? e : new IllegalStateException(e.getMessage() + ": " + failure, failure);
        } finally {
            memory = rss.stop();
            started.stop().run();
        }
        Map<TopicPartition, BrokerOffsets.PartitionLog> after = broker.logs();
        // measured: a large input's copies would fill the disk
        broker.delete(TopicWrites.runTopicsIn(after.keySet(), topics));
        return new BenchResults.Throughput(run, round, drain.eventsPerSecond(expected.inputs()), drain.windowSeconds(),
                drain.wallSeconds(), drain.firstVisibleSeconds(), drain.offsets(), memory, drain.cpu(),
                TopicWrites.between(before, after, topics), expected.inputs());
    }

    private Started copyLoop(String run, String bootstrap, RunTopics topics, long events) {
        Duration cadence = EngineRuns.cadenceOf(run);
        CopyLoop loop = new CopyLoop(bootstrap, topics.raw(), topics.enriched(), events, topics.groupId(), cadence);
        loop.startThread();
        // the copy loop runs in this JVM, which the CPU figures name the harness: the broker is the process of its own
        return new Started(Map.of(), loop::healthy, loop::stop, loop::failure);
    }

    private Started engine(String run, String bootstrap, RunTopics topics) {
        Runner runner = engines.start(run, bootstrap, topics, RunnerFlags.EXACTLY_ONCE);
        return new Started(runner.processIds(), () -> healthy(runner), runner::abort, () -> null);
    }

    static Duration drainTimeout(long inputs) {
        return Duration.ofSeconds(Math.max(MIN_DRAIN_TIMEOUT.toSeconds(), inputs / 20_000));
    }

    /** Whether it still works: nothing failed and no part of it died. */
    static boolean healthy(Runner runner) {
        return runner.failure().isEmpty() && runner.deadPart().isEmpty();
    }

    /** The engine's processes and the broker, as the memory budget counts them. */
    Map<String, Long> withBroker(Map<String, Long> engineProcesses) {
        Map<String, Long> pids = new LinkedHashMap<>(engineProcesses);
        pids.put("broker", kafka.process().pid());
        return pids;
    }

    String roundTag(int round) {
        return settings.repeat() == 1 ? "" : "round " + round + "/" + settings.repeat() + ": ";
    }

    private void summarise(BenchResults results) {
        out.println("== throughput: median of " + settings.repeat() + " round(s), range in brackets; a ratio is the "
                + "median of each round's, every drain against the mean of the baseline drains before and after it");
        for (String run : results.runs()) {
            Spread eps = results.eventsPerSecond(run);
            Spread window = results.windowSeconds(run);
            out.printf(Locale.ROOT, "   %-13s %,10.0f events/s (%,.0f-%,.0f)  window %.1f s (%.1f-%.1f)%s%n", run,
                    eps.median(), eps.min(), eps.max(), window.median(), window.min(), window.max(), ratios(results, run));
            out.printf(Locale.ROOT, "                 %s%n", Report.costLine(results, run));
            out.println("                 peak RSS: " + results.memory(run).describe());
        }
        for (String warning : results.windowWarnings()) {
            out.println(warning);
        }
    }

    private static String ratios(BenchResults results, String run) {
        if (run.equals(BenchResults.BASELINE)) {
            return "";
        }
        Spread ratio = results.ratio(run);
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "  %.2f x baseline (%.2f-%.2f)", ratio.median(),
                ratio.min(), ratio.max()));
        if (!EngineRuns.cadenceBaselineOf(run).equals(BenchResults.BASELINE) && !run.equals(
                BenchResults.BASELINE_AT_CHECKPOINTS)) {
            s.append(String.format(Locale.ROOT, ", %.2f x %s", results.ratioAtCadence(run).median(),
                    EngineRuns.cadenceBaselineOf(run)));
        }
        if (EngineRuns.isPipeline(run)) {
            Spread copy = results.ratioToCopy(run);
            s.append(String.format(Locale.ROOT, ", %.2f x %s (%.2f-%.2f)", copy.median(), EngineRuns.ownCopyOf(run),
                    copy.min(), copy.max()));
            s.append(String.format(Locale.ROOT, "; targets %.1f x baseline: %s, %.1f x own copy: %s",
                    results.target(run), met(ratio.median() >= results.target(run)), results.copyTarget(run),
                    met(copy.median() >= results.copyTarget(run))));
        }
        return s.toString();
    }

    private static String met(boolean met) {
        return met ? "met" : "not met";
    }

    private void measureLatencies(String bootstrap, BenchResults results) {
        LatencyProbe.Settings probe = new LatencyProbe.Settings(settings.rate(), settings.latencyDuration(),
                settings.warmup(), settings.pairSum());
        String raw = "latency-baseline-raw";
        String copy = "latency-baseline-copy";
        createTopics(List.of(raw, copy));
        CopyLoop loop = new CopyLoop(bootstrap, raw, copy, Long.MAX_VALUE, "latency-baseline", Tuning.STREAMS_COMMITS);
        loop.startThread();
        try {
            results.baselineLatency = new BenchResults.Latency("baseline", "exactly_once", LatencyProbe.measure(bootstrap,
                    raw, copy, true, probe, loop::healthy, "baseline latency at " + settings.rate() + "/s", out));
        } finally {
            loop.stop();
        }
        report(results.baselineLatency, results);
        for (String name : settings.engines()) {
            for (String guarantee : List.of(RunnerFlags.EXACTLY_ONCE, RunnerFlags.AT_LEAST_ONCE)) {
                String run = "latency-" + name + "-" + guarantee.replace('_', '-');
                RunTopics topics = RunTopics.fresh(run + "-raw", run);
                List<String> all = new ArrayList<>(topics.outputs());
                all.add(topics.raw());
                createTopics(all);
                Runner runner = engines.start(name, bootstrap, topics, guarantee);
                try {
                    BenchResults.Latency latency = new BenchResults.Latency(name, guarantee, LatencyProbe.measure(
                            bootstrap, topics.raw(), topics.enriched(), false, probe, () -> healthy(runner),
                            name + " latency (" + guarantee + ") at " + settings.rate() + "/s", out));
                    results.latencies.add(latency);
                    report(latency, results);
                } finally {
                    runner.abort();
                }
            }
        }
    }

    private void report(BenchResults.Throughput t, BenchResults results) {
        out.printf(Locale.ROOT, "-> %s%-13s %,10.0f events/s  (%.2f x the baseline before it)  window %.1f s, first "
                        + "output after %.1f s, all after %.1f s; peak RSS with the broker %s%n", roundTag(t.round()),
                t.name(), t.eventsPerSecond(), results.ratioOf(t), t.windowSeconds(), t.firstVisibleSeconds(),
                t.wallSeconds(), MemoryPeak.mib(t.memory().peakTotalKb()));
        out.printf(Locale.ROOT, "   %s%n", Report.costLine(t));
    }

    private void report(BenchResults.Latency l, BenchResults results) {
        Percentiles p = l.percentiles();
        out.printf("-> %-9s %-13s p50 %.0f ms  p99 %.0f ms  p99.9 %.0f ms  (%,d samples)%s%n", l.name(), l.guarantee(),
                p.p50(), p.p99(), p.p999(), p.count(), results.baselineLatency == null || l == results.baselineLatency
                        ? "" : String.format("  baseline p50 %.0f ms", results.baselineLatency.percentiles().p50()));
    }

    /** The engines' runs: what {@link PendingScenario} starts too. */
    EngineRuns engines() {
        return engines;
    }

    /** The broker's offsets and logs: what {@link PendingScenario} watches too. */
    BrokerOffsets broker() {
        return broker;
    }

    void createTopics(List<String> names) {
        broker.create(names, settings.partitions());
    }

    /** Stops every engine and the broker; called at the end and from the Ctrl-C hook. */
    void stopAll() {
        engines.close();
        if (broker != null) {
            broker.close();
        }
        if (kafka != null) {
            kafka.stop();
        }
    }
}
