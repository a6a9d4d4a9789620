package dev.pairing.runtime.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/** A binding that keeps every series in maps, for tests to read. */
final class RecordingBinding implements MetricBinding {

    final Map<String, AtomicLong> counters = new TreeMap<>();
    final Map<String, List<DoubleSupplier>> gauges = new TreeMap<>();

    static String key(PipelineMetric metric, String labelValue) {
        return metric.prometheusName() + (labelValue == null ? "" : "{" + metric.label() + "=" + labelValue + "}");
    }

    @Override
    public Count counter(PipelineMetric metric, String labelValue) {
        AtomicLong count = counters.computeIfAbsent(key(metric, labelValue), k -> new AtomicLong());
        return count::incrementAndGet;
    }

    @Override
    public Registration gauge(PipelineMetric metric, String labelValue, DoubleSupplier value) {
        List<DoubleSupplier> values = gauges.computeIfAbsent(key(metric, labelValue), k -> new ArrayList<>());
        values.add(value);
        return () -> values.remove(value);
    }

    long count(PipelineMetric metric, String labelValue) {
        AtomicLong count = counters.get(key(metric, labelValue));
        return count == null ? -1 : count.get();
    }

    /** The gauge's value: its registered readings added up, or NaN when nothing is registered. */
    double gauge(PipelineMetric metric, String labelValue) {
        List<DoubleSupplier> values = gauges.getOrDefault(key(metric, labelValue), List.of());
        return values.isEmpty() ? Double.NaN : values.stream().mapToDouble(DoubleSupplier::getAsDouble).sum();
    }
}
