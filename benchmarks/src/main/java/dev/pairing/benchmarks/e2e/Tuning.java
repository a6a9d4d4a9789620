package dev.pairing.benchmarks.e2e;

import dev.pairing.launcher.flink.FlinkClusterOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The engine settings the benchmark runs with, exactly-once kept. Why each one, and the A/B figures
 * behind it: benchmarks/TUNING.md.
 */
final class Tuning {

    /**
     * The Streams runner's commit interval (its default, said here so that the baseline's copy loop
     * commits at the same cadence): 1 s commits drained 12% faster but hold every output back up to 1 s.
     */
    static final Duration STREAMS_COMMITS = Duration.ofMillis(100);

    /**
     * The runner's defaults but for the commit interval, given explicitly (one stream thread, store
     * caching on). A second stream thread was slower on 2 cores.
     */
    static final List<String> STREAMS = List.of("--commitInterval", spell(STREAMS_COMMITS));

    /** The runner's default; --streamsThreads changes it. */
    static final int STREAMS_THREADS = 1;

    /**
     * Exactly-once output becomes visible at each checkpoint: the job's default 10 s would dominate a
     * drain. A baseline committing at this cadence runs beside Flink, so that its ratio is also shown
     * against a copy loop committing as often.
     */
    static final Duration FLINK_CHECKPOINTS = Duration.ofSeconds(1);

    static final List<String> FLINK = List.of("--checkpointInterval", spell(FLINK_CHECKPOINTS));

    /** Parallelism 2 drained slower than 1 on 2 cores shared with the broker. */
    static final int FLINK_PARALLELISM = 1;

    /**
     * Keyed state on the heap instead of the local cluster's RocksDB: 1.6x the drain rate in the same
     * session. Right here because the benchmark's pending state stays within a heap (a million
     * waiting numbers take about 150 MB of it); a backlog of many millions needs RocksDB, the local
     * cluster's default. The heap backend uses no managed memory, which the local cluster reserves
     * for RocksDB (40% of the TaskManager), so the TaskManager and the JobManager are sized for the
     * bench's memory budget (engine + broker under 1.5 GiB) instead.
     */
    static final FlinkClusterOptions FLINK_CLUSTER = FlinkClusterOptions.DEFAULTS.withConfiguration(Map.of(
            "state.backend.type", "hashmap",
            "taskmanager.memory.managed.size", "0m",
            "taskmanager.memory.process.size", "1280m",
            "jobmanager.memory.process.size", "1024m"));

    private Tuning() {}

    /** A duration as the runners' flags take it and the run names show it: {@code 100ms}, {@code 1s}. */
    static String spell(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    static String flightRecording(Path file) {
        return "-XX:StartFlightRecording=filename=" + file + ",settings=profile,dumponexit=true";
    }
}
