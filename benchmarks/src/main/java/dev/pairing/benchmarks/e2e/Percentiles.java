package dev.pairing.benchmarks.e2e;

import java.util.Arrays;

/** Latency percentiles by the nearest-rank method: p-th percentile = the smallest value with at least p% at or below it. */
public record Percentiles(long count, double p50, double p99, double p999, double max) {

    public static Percentiles of(long[] samples, int size) {
        if (size == 0) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        return new Percentiles(size, rank(sorted, 50), rank(sorted, 99), rank(sorted, 99.9), sorted[size - 1]);
    }

    static double rank(long[] sorted, double percent) {
        // the percent in whole tenths: 99.9 / 100 * 1000 in doubles is 999.0000000000001, one rank too high
        int rank = (int) Math.ceil(Math.round(percent * 10) * (double) sorted.length / 1000.0);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
