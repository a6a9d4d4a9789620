package dev.pairing.benchmarks.e2e;

import java.nio.file.Path;
import java.util.List;

/**
 * The engine settings the benchmark runs with, exactly-once kept. Why each one: benchmarks/TUNING.md.
 */
final class Tuning {

    /**
     * The runner's defaults (one stream thread, 100 ms commits, store caching on). A second stream
     * thread was slower on the shared 2-core machine (0.11 vs 0.17 of the baseline at 100k events).
     */
    static final List<String> STREAMS = List.of();

    /** Exactly-once output becomes visible at each checkpoint: the job's default 10 s would dominate a drain. */
    static final List<String> FLINK = List.of("--checkpointInterval", "1s");

    static final int FLINK_PARALLELISM = 1;

    private Tuning() {}

    static String flightRecording(Path file) {
        return "-XX:StartFlightRecording=filename=" + file + ",settings=profile,dumponexit=true";
    }
}
