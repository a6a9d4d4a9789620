package dev.pairing.benchmarks.e2e;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The highest resident set size seen per process during a phase, and the highest sum over all of
 * them at one sampling instant (not the sum of the peaks, which may come at different moments).
 */
record MemoryPeak(Map<String, Long> peakKbByProcess, long peakTotalKb, int samples) {

    /** Issue 14's budget for broker and engine together. */
    static final long BUDGET_KB = 1536L * 1024;

    static final MemoryPeak NONE = new MemoryPeak(Map.of(), 0, 0);

    MemoryPeak {
        peakKbByProcess = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(peakKbByProcess));
    }

    /** Adds one sampling instant's RSS per process. */
    MemoryPeak plus(Map<String, Long> rssKb) {
        Map<String, Long> peaks = new LinkedHashMap<>(peakKbByProcess);
        long total = 0;
        for (Map.Entry<String, Long> e : rssKb.entrySet()) {
            peaks.merge(e.getKey(), e.getValue(), Math::max);
            total += e.getValue();
        }
        return new MemoryPeak(peaks, Math.max(peakTotalKb, total), samples + 1);
    }

    /** The larger peaks of two phases (e.g. the rounds of one run). */
    MemoryPeak max(MemoryPeak other) {
        Map<String, Long> peaks = new LinkedHashMap<>(peakKbByProcess);
        other.peakKbByProcess.forEach((k, v) -> peaks.merge(k, v, Math::max));
        return new MemoryPeak(peaks, Math.max(peakTotalKb, other.peakTotalKb), samples + other.samples);
    }

    boolean withinBudget() {
        return peakTotalKb <= BUDGET_KB;
    }

    /** e.g. {@code streams runner 612 MiB, broker 480 MiB; together 1,080 MiB of 1,536 MiB: met}. */
    String describe() {
        if (samples == 0) {
            return "not sampled";
        }
        StringBuilder s = new StringBuilder();
        peakKbByProcess.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(' ').append(mib(v)));
        return s + String.format(java.util.Locale.ROOT, "; together %s of %s: %s", mib(peakTotalKb), mib(BUDGET_KB),
                withinBudget() ? "met" : "NOT met");
    }

    static String mib(long kb) {
        return String.format(java.util.Locale.ROOT, "%,d MiB", Math.round(kb / 1024.0));
    }
}
