package dev.pairing.benchmarks.e2e;

import dev.pairing.flags.FlagSet;
import dev.pairing.flags.ParsedFlags;
import dev.pairing.flags.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@code ./pairing bench}'s flags, checked. */
record BenchSettings(List<String> engines, long events, int partitions, int rate, Duration latencyDuration,
        Duration warmup, boolean latency, boolean profile, int pairSum, Path dataDir, Path outDir) {

    static FlagSet flags() {
        return new FlagSet("pairing bench",
                "Throughput and latency of both engines against a raw Kafka exactly-once copy loop on one local broker.")
                .option("engine", "all", "streams, flink or all")
                .option("events", "2000000", "events preloaded into the raw topic and drained by each engine; at least "
                        + "100000, as fewer drain within a commit or two and leave nothing to measure")
                .option("partitions", "3", "partitions of every topic")
                .option("rate", "2000", "input rate of the latency runs, events per second")
                .option("latencyDuration", "20s", "how long each latency run produces")
                .option("warmup", "3s", "the first part of each latency run, left out of the percentiles")
                .option("latency", "true", "false skips the latency runs")
                .option("profile", "false", "true records JFR profiles of the Streams runner and the Flink "
                        + "TaskManager (under --dataDir: streams/streams.jfr, flink/taskmanager.jfr)")
                .option("pairSum", "12", "what two numbers sum to")
                .option("dataDir", ".pairing/bench", "broker data, state and logs; wiped at the start")
                .option("out", "bench-results", "where the table (Markdown), the JSON and the chart (PNG) go");
    }

    static BenchSettings from(ParsedFlags f) throws UsageException {
        String engine = f.choice("engine", "streams", "flink", "all");
        List<String> engines = engine.equals("all") ? List.of("streams", "flink") : List.of(engine);
        Duration latencyDuration = f.duration("latencyDuration");
        Duration warmup = f.duration("warmup");
        if (warmup.compareTo(latencyDuration) >= 0) {
            throw new UsageException("--warmup must be shorter than --latencyDuration");
        }
        return new BenchSettings(engines, f.longValue("events", 100_000, 100_000_000), f.intValue("partitions", 1, 64),
                f.intValue("rate", 1, 1_000_000), latencyDuration, warmup,
                Boolean.parseBoolean(f.choice("latency", "true", "false")),
                Boolean.parseBoolean(f.choice("profile", "true", "false")), f.intValue("pairSum", 0, 1_000_000),
                Path.of(f.string("dataDir")).toAbsolutePath(), Path.of(f.string("out")).toAbsolutePath());
    }

    void describeInto(Map<String, String> m) {
        m.put("engines", String.join(", ", engines));
        m.put("events", String.format("%,d", events));
        m.put("partitions", Integer.toString(partitions));
        m.put("latency input rate", rate + " events/s for " + latencyDuration.toSeconds() + " s (first "
                + warmup.toSeconds() + " s left out)");
        m.put("streams flags", Tuning.STREAMS.isEmpty() ? "(runner defaults)" : String.join(" ", Tuning.STREAMS));
        m.put("flink flags", "-p " + Tuning.FLINK_PARALLELISM + " " + String.join(" ", Tuning.FLINK));
        m.put("flink cluster config", Tuning.FLINK_CLUSTER.configuration().isEmpty() ? "(local-stack defaults)"
                : Tuning.FLINK_CLUSTER.configuration().toString());
    }
}
