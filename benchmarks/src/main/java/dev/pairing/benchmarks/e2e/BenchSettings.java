package dev.pairing.benchmarks.e2e;

import dev.pairing.core.matching.PendingLimits;
import dev.pairing.flags.FlagSet;
import dev.pairing.flags.ParsedFlags;
import dev.pairing.flags.UsageException;
import dev.pairing.runtime.PipelineFlags;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code ./pairing bench}'s flags, checked. */
record BenchSettings(List<String> engines, Scenario scenario, long events, long warmupEvents, int repeat,
        long pendingEvents,
        int partitions, int streamsThreads, int flinkParallelism, int rate, Duration latencyDuration,
        Duration warmup, boolean latency, boolean copies, boolean profile, int pairSum, Path dataDir, Path outDir) {

    enum Scenario { DRAIN, PENDING }

    /**
     * A window of {@link MeasuringWindow#MIN_SECONDS} plus a margin for the fastest run, the baseline,
     * at the 0.8-1.1 million events/s it drained on a quiet 2-core machine.
     */
    static final long DEFAULT_EVENTS = 40_000_000;

    /** Slots per TaskManager of the local cluster (the launcher's FlinkConfig). */
    static final int SLOTS_PER_TASK_MANAGER = 2;

    static FlagSet flags() {
        return new FlagSet("pairing bench",
                "Throughput and latency of both engines against a raw Kafka exactly-once copy loop on one local broker.")
                .option("engine", "all", "streams, flink or all")
                .option("scenario", "drain", "drain: the baseline and each engine drain the preloaded mix, then "
                        + "latency; pending: each engine's per-event rate with --pendingEvents numbers waiting in one "
                        + "class, against the same count with none waiting (no baseline, no latency)")
                .option("events", Long.toString(DEFAULT_EVENTS), "events preloaded into the raw topic and drained "
                        + "by each run; at least 100000, as fewer drain within a commit or two and leave nothing to "
                        + "measure; the default gives a run draining a million events/s a window of 40 s, over the "
                        + "30 s minimum")
                .option("warmupEvents", "1000000", "events of the warm-up drain each run does once before the rounds, "
                        + "on a topic of its own, not measured (JIT, page cache, the Flink cluster's first jobs); "
                        + "0 skips it")
                .option("repeat", "3", "rounds of drains: each run once, every one between two baseline drains; the "
                        + "report shows the median and the range")
                .option("pendingEvents", "1000000", "--scenario pending: how many numbers of one side wait before "
                        + "their complements arrive (at most " + PendingLimits.DEFAULT_MAX_PENDING_PER_CLASS
                        + ", the runners' per-class limit)")
                .add(PipelineFlags.PARTITIONS.withHelp("partitions of every topic"))
                .option("streamsThreads", Integer.toString(Tuning.STREAMS_THREADS),
                        "the Streams runner's num.stream.threads")
                .option("flinkParallelism", Integer.toString(Tuning.FLINK_PARALLELISM),
                        "the Flink job's parallelism; the cluster gets a TaskManager per " + SLOTS_PER_TASK_MANAGER
                                + " slots")
                .option("rate", "2000", "input rate of the latency runs, events per second")
                .option("latencyDuration", "20s", "how long each latency run produces")
                .option("warmup", "3s", "the first part of each latency run, left out of the percentiles")
                .option("latency", "true", "false skips the latency runs")
                .option("copies", "true", "each round also drains with each engine's own copy of the raw topic to "
                        + "one output, under its runner's exactly-once settings (streams-copy, flink-copy): an upper "
                        + "bound, the rate no pairing design on that engine can pass")
                .option("profile", "false", "true records JFR profiles of the Streams runner and the Flink "
                        + "TaskManager (under --dataDir: streams/streams.jfr, flink/taskmanager.jfr)")
                .add(PipelineFlags.PAIR_SUM)
                .option("dataDir", ".pairing/bench", "broker data, state and logs; wiped at the start")
                .option("out", "bench-results", "where the table (Markdown), the JSON and the chart (PNG) go");
    }

    static BenchSettings from(ParsedFlags f) throws UsageException {
        String engine = f.choice("engine", "streams", "flink", "all");
        List<String> engines = engine.equals("all") ? List.of("streams", "flink") : List.of(engine);
        Scenario scenario = Scenario.valueOf(f.choice("scenario", "drain", "pending").toUpperCase());
        Duration latencyDuration = f.duration("latencyDuration");
        Duration warmup = f.duration("warmup");
        if (warmup.compareTo(latencyDuration) >= 0) {
            throw new UsageException("--warmup must be shorter than --latencyDuration");
        }
        int pairSum = PipelineFlags.PAIR_SUM.from(f);
        if (scenario == Scenario.PENDING && pairSum < 1) {
            throw new UsageException("--scenario pending needs --pairSum of at least 1: with 0 the only number pairs "
                    + "with itself, so nothing can wait for a complement");
        }
        long warmupEvents = f.longValue("warmupEvents", 0, 100_000_000);
        if (warmupEvents > 0 && warmupEvents < 100_000) {
            throw new UsageException("--warmupEvents must be 0 (no warm-up) or at least 100000");
        }
        return new BenchSettings(engines, scenario, f.longValue("events", 100_000, 200_000_000), warmupEvents,
                f.intValue("repeat", 1, 20), f.longValue("pendingEvents", 10_000, PendingLimits.DEFAULT_MAX_PENDING_PER_CLASS),
                PipelineFlags.PARTITIONS.from(f), f.intValue("streamsThreads", 1, 64), f.intValue("flinkParallelism", 1, 64),
                f.intValue("rate", 1, 1_000_000), latencyDuration, warmup,
                Boolean.parseBoolean(f.choice("latency", "true", "false")),
                Boolean.parseBoolean(f.choice("copies", "true", "false")),
                Boolean.parseBoolean(f.choice("profile", "true", "false")), pairSum,
                Path.of(f.string("dataDir")).toAbsolutePath(), Path.of(f.string("out")).toAbsolutePath());
    }

    /** The engines' own copies each round measures: one per engine, unless --copies false. */
    List<String> ownCopies() {
        return copies ? engines.stream().map(EngineRuns::ownCopyOf).toList() : List.of();
    }

    /**
     * What each round drains between baselines, in order: each engine and its own copy, and before
     * Flink the baseline at Flink's checkpoint cadence, which Flink's runs are compared with too.
     */
    List<String> runs() {
        List<String> runs = new ArrayList<>();
        for (String engine : engines) {
            if (engine.equals(EngineRuns.FLINK)) {
                runs.add(BenchResults.BASELINE_AT_CHECKPOINTS);
            }
            runs.add(engine);
            if (copies) {
                runs.add(EngineRuns.ownCopyOf(engine));
            }
        }
        return runs;
    }

    /** The Streams runner's flags: the tuning, and the thread count when it is not the runner's default. */
    List<String> streamsFlags() {
        List<String> flags = new ArrayList<>(Tuning.STREAMS);
        if (streamsThreads != 1) {
            flags.addAll(List.of("--kafkaProperty", "num.stream.threads=" + streamsThreads));
        }
        return flags;
    }

    int flinkTaskManagers() {
        return (flinkParallelism + SLOTS_PER_TASK_MANAGER - 1) / SLOTS_PER_TASK_MANAGER;
    }

    void describeInto(Map<String, String> m) {
        m.put("engines", String.join(", ", engines));
        m.put("scenario", scenario.name().toLowerCase());
        if (scenario == Scenario.DRAIN) {
            m.put("events", String.format("%,d", events));
            m.put("warm-up", warmupEvents == 0 ? "none" : String.format("one drain of %,d events per run, not measured",
                    warmupEvents));
            m.put("rounds", repeat + " (" + String.join(", ", runs()) + ", each between two " + BenchResults.BASELINE
                    + " drains; a ratio is to the mean of those two)");
            m.put("cadences", BenchResults.BASELINE + " and streams commit every " + Tuning.spell(Tuning.STREAMS_COMMITS)
                    + ", flink checkpoints every " + Tuning.spell(Tuning.FLINK_CHECKPOINTS) + " (and "
                    + BenchResults.BASELINE_AT_CHECKPOINTS + " commits as often)");
            m.put("visibility", "read_committed end offsets (last stable offsets), polled every "
                    + OutputWatch.EVERY.toMillis() + " ms; no record read");
        } else {
            m.put("pending events", String.format("%,d", pendingEvents));
            m.put("rounds", Integer.toString(repeat));
        }
        m.put("partitions", Integer.toString(partitions));
        m.put("client settings (every run)", ClientSettings.describe());
        if (scenario == Scenario.DRAIN && latency) {
            m.put("latency input rate", rate + " events/s for " + latencyDuration.toSeconds() + " s (first "
                    + warmup.toSeconds() + " s left out)");
        }
        m.put("streams flags (runner and streams-copy)", "--inputKeyedByClass true " + String.join(" ", streamsFlags())
                + " and the client settings as --kafkaProperty");
        m.put("flink flags (job and flink-copy)", "-p " + flinkParallelism + " " + String.join(" ", Tuning.FLINK)
                + " and the client settings as --kafkaProperty");
        m.put("flink cluster", flinkTaskManagers() + " TaskManager(s), "
                + (Tuning.FLINK_CLUSTER.configuration().isEmpty() ? "the launcher's defaults"
                        : Tuning.FLINK_CLUSTER.configuration().toString()));
    }
}
