package dev.pairing.benchmarks.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one run measured, in the order it was measured, for the report. */
final class BenchResults {

    record Throughput(String name, double eventsPerSecond, double wallSeconds, double firstVisibleSeconds,
            long outputs, double target) {}

    record Latency(String name, String guarantee, Percentiles percentiles) {}

    final Map<String, String> machine = new LinkedHashMap<>();
    final Map<String, String> settings = new LinkedHashMap<>();
    Expected expected;
    Throughput baseline;
    final List<Throughput> engines = new ArrayList<>();
    Latency baselineLatency;
    final List<Latency> latencies = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    double ratio(Throughput t) {
        return baseline == null ? Double.NaN : t.eventsPerSecond() / baseline.eventsPerSecond();
    }
}
