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
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * One benchmark run: a fresh local broker; the raw topic preloaded once; then rounds of drains, each
 * round the raw Kafka exactly-once copy loop (the baseline) and each engine in turn, every drain on
 * fresh outputs and a fresh group; then latency at a fixed rate for the baseline and each engine
 * under both guarantees. Or, with {@code --scenario pending}, the {@link PendingScenario}.
 */
final class Bench {

    /** Targets as ratios of the baseline's drain throughput, from issues 7 and 14. */
    static final Map<String, Double> TARGETS = Map.of("streams", 0.6, "flink", 0.8);
    static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);

    private final BenchSettings settings;
    private final LocalBuild build;
    private final PrintStream out;
    private final EngineRuns engines;
    private LocalKafka kafka;

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
        // the local stack's guard: a mistyped --dataDir that this tool did not create is refused, not deleted
        DataDir.prepare(settings.dataDir(), true);
        out.println("== starting a local Kafka broker in " + settings.dataDir().resolve("kafka"));
        kafka = LocalKafka.start(build, settings.dataDir().resolve("kafka"), Ports.freePort(), Ports.freePort());
        String bootstrap = kafka.bootstrapServers();
        if (settings.scenario() == BenchSettings.Scenario.PENDING) {
            new PendingScenario(this, settings, bootstrap, out).run(results);
            return results;
        }
        String raw = "bench-raw";
        createTopics(bootstrap, List.of(raw));
        results.expected = Preload.fill(bootstrap, raw, settings.events(), settings.pairSum(), out);
        TARGETS.forEach(results.targets::put);
        for (int round = 1; round <= settings.repeat(); round++) {
            BenchResults.Throughput baseline = baselineDrain(bootstrap, raw, results.expected.inputs(), round);
            results.add(baseline);
            report(baseline, results);
            for (String name : settings.engines()) {
                BenchResults.Throughput t = engineDrain(bootstrap, raw, name, round, results.expected);
                results.add(t);
                report(t, results);
            }
            for (String copy : settings.ownCopies()) {
                BenchResults.Throughput t = engineDrain(bootstrap, raw, copy, round, results.expected);
                results.add(t);
                report(t, results);
            }
        }
        summarise(results);
        if (settings.latency()) {
            measureLatencies(bootstrap, results);
        }
        return results;
    }

    private BenchResults.Throughput engineDrain(String bootstrap, String raw, String engine, int round,
            Expected expected) {
        engines.prepare(engine);
        RunTopics topics = RunTopics.fresh(raw, "drain-" + engine + "-r" + round);
        createTopics(bootstrap, topics.outputs());
        // an engine's own copy writes every raw record, as it is, to the enriched topic
        boolean copy = EngineRuns.copiesOnly(engine);
        List<String> outputs = copy ? List.of(topics.enriched()) : topics.outputs();
        long start = System.nanoTime();
        Runner runner = engines.start(engine, bootstrap, topics, RunnerFlags.EXACTLY_ONCE);
        RssSampler rss = RssSampler.start(withBroker(runner.processIds()));
        OutputWatch.Drain drain;
        MemoryPeak memory;
        try {
            drain = OutputWatch.await(bootstrap, outputs, copy ? expected.inputs() : expected.outputs(), start,
                    DRAIN_TIMEOUT, () -> healthy(runner), roundTag(round) + engine + " drain (exactly_once)", out);
        } finally {
            memory = rss.stop();
        }
        runner.abort();
        return throughput(engine, round, drain, expected.inputs(), memory);
    }

    /** Whether it still works: nothing failed and no part of it died. */
    static boolean healthy(Runner runner) {
        return runner.failure().isEmpty() && runner.deadPart().isEmpty();
    }

    private BenchResults.Throughput baselineDrain(String bootstrap, String raw, long events, int round) {
        String copy = "baseline-copy-r" + round;
        createTopics(bootstrap, List.of(copy));
        CopyLoop loop = new CopyLoop(bootstrap, raw, copy, events, "baseline-drain-r" + round);
        long start = System.nanoTime();
        loop.startThread();
        // the copy loop runs in this JVM, which also reads the output: the broker is the process of its own
        RssSampler rss = RssSampler.start(withBroker(Map.of()));
        try {
            OutputWatch.Drain drain = OutputWatch.await(bootstrap, List.of(copy), events, start, DRAIN_TIMEOUT,
                    loop::healthy, roundTag(round) + "baseline: raw Kafka exactly-once copy", out);
            return throughput(BenchResults.BASELINE, round, drain, events, rss.stop());
        } catch (IllegalStateException e) {
            throw loop.failure() == null ? e
                    : new IllegalStateException(e.getMessage() + ": " + loop.failure(), loop.failure());
        } finally {
            rss.stop();
            loop.stop();
        }
    }

    private static BenchResults.Throughput throughput(String name, int round, OutputWatch.Drain drain, long inputs,
            MemoryPeak memory) {
        return new BenchResults.Throughput(name, round, drain.eventsPerSecond(inputs), drain.windowSeconds(),
                drain.wallSeconds(), drain.firstVisibleSeconds(), drain.records(), memory);
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
        out.println("== throughput: median of " + settings.repeat() + " round(s), range in brackets; ratio = median of "
                + "each round's ratio to that round's baseline");
        for (String run : results.runs()) {
            Spread eps = results.eventsPerSecond(run);
            Spread window = results.windowSeconds(run);
            boolean base = run.equals(BenchResults.BASELINE);
            Spread ratio = results.ratio(run);
            out.printf(Locale.ROOT, "   %-9s %,10.0f events/s (%,.0f-%,.0f)  window %.1f s (%.1f-%.1f)%s%n", run,
                    eps.median(), eps.min(), eps.max(), window.median(), window.min(), window.max(),
                    base ? "" : String.format(Locale.ROOT, "  %.2f x baseline (%.2f-%.2f)%s", ratio.median(),
                            ratio.min(), ratio.max(), Double.isNaN(results.target(run)) ? ", the engine's own copy"
                                    : String.format(Locale.ROOT, ", target %.1f: %s", results.target(run),
                                            ratio.median() >= results.target(run) ? "met" : "not met")));
            out.println("             peak RSS: " + results.memory(run).describe());
        }
        for (String warning : results.windowWarnings()) {
            out.println(warning);
        }
    }

    private void measureLatencies(String bootstrap, BenchResults results) {
        LatencyProbe.Settings probe = new LatencyProbe.Settings(settings.rate(), settings.latencyDuration(),
                settings.warmup(), settings.pairSum());
        String raw = "latency-baseline-raw";
        String copy = "latency-baseline-copy";
        createTopics(bootstrap, List.of(raw, copy));
        CopyLoop loop = new CopyLoop(bootstrap, raw, copy, Long.MAX_VALUE, "latency-baseline");
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
                createTopics(bootstrap, all);
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
        out.printf(Locale.ROOT, "-> %s%-9s %,10.0f events/s  (%.2f x this round's baseline)  window %.1f s, first "
                        + "output after %.1f s, all after %.1f s; peak RSS with the broker %s%n", roundTag(t.round()),
                t.name(), t.eventsPerSecond(), results.ratioOf(t), t.windowSeconds(), t.firstVisibleSeconds(),
                t.wallSeconds(), MemoryPeak.mib(t.memory().peakTotalKb()));
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

    void createTopics(String bootstrap, List<String> names) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            for (String name : names) {
                NewTopic topic = new NewTopic(name, settings.partitions(), (short) 1);
                if (name.endsWith("-dlq")) {
                    // as the runners create it: a dead letter is its raw record plus headers
                    topic.configs(Map.of("max.message.bytes", "1114124"));
                }
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("creating topic " + name + " failed: " + e.getCause(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops every engine and the broker; called at the end and from the Ctrl-C hook. */
    void stopAll() {
        engines.close();
        if (kafka != null) {
            kafka.stop();
        }
    }
}
