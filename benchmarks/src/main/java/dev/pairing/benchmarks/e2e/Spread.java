package dev.pairing.benchmarks.e2e;

import java.util.Arrays;
import java.util.List;

/**
 * The median of repeated measurements and their range. With an even count the median is the mean
 * of the middle two, so two rounds give their average.
 */
record Spread(double median, double min, double max, int count) {

    static Spread of(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).toArray();
        if (sorted.length == 0) {
            return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Spread(median, sorted[0], sorted[n - 1], n);
    }

    /** The range as a share of the median: how far apart the repeats were. */
    double relativeRange() {
        return (max - min) / median;
    }
}
