package dev.pairing.endpoint;

import dev.pairing.runtime.metrics.PipelineMetric;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * A Kafka client's metrics registry ({@code KafkaStreams#metrics()}, {@code KafkaProducer#metrics()})
 * as Prometheus metrics, read at each scrape. The pipeline's own metrics (group
 * {@code pairing-metrics}) take the names, types and help of {@link PipelineMetric}; every other
 * numeric metric is {@code kafka_<group>_<name>}, with the group's {@code -metrics} dropped and
 * hyphens as underscores (e.g. {@code kafka_consumer_fetch_manager_records_lag}), its tags as labels,
 * a counter when its name ends in {@code -total} and a gauge otherwise. Metrics whose value is not a
 * number (versions, ids) are left out.
 */
public final class KafkaClientMetrics implements MultiCollector {

    private static final String PIPELINE_GROUP = PipelineMetric.GROUP + "-metrics";
    private static final String TOTAL = "_total";

    private final Supplier<Map<MetricName, ? extends Metric>> metrics;

    /** @param metrics the client's registry, asked at every scrape (it grows as tasks and partitions come) */
    public KafkaClientMetrics(Supplier<Map<MetricName, ? extends Metric>> metrics) {
        this.metrics = metrics;
    }

    @Override
    public MetricSnapshots collect() {
        Map<String, Family> families = new TreeMap<>();
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.get().entrySet()) {
            if (!(entry.getValue().metricValue() instanceof Number number)) {
                continue;
            }
            MetricName name = entry.getKey();
            Family family = families.computeIfAbsent(familyName(name), key -> new Family(key, name));
            family.points.put(labels(name), number.doubleValue());
        }
        List<MetricSnapshot> snapshots = new ArrayList<>(families.size());
        families.values().forEach(family -> snapshots.add(family.snapshot()));
        return new MetricSnapshots(snapshots);
    }

    /** The Prometheus name, {@code _total} included for counters (the counter's snapshot takes it off). */
    static String familyName(MetricName name) {
        PipelineMetric pipeline = pipelineMetric(name);
        if (pipeline != null) {
            return pipeline.prometheusName();
        }
        String group = name.group().endsWith("-metrics")
                ? name.group().substring(0, name.group().length() - "-metrics".length()) : name.group();
        return classic("kafka_" + group + "_" + name.name());
    }

    /** Only the characters every Prometheus version takes in a name: hyphens and dots as underscores. */
    private static String classic(String name) {
        return name.replaceAll("[^a-zA-Z0-9_:]", "_");
    }

    private static PipelineMetric pipelineMetric(MetricName name) {
        return PIPELINE_GROUP.equals(name.group()) ? PipelineMetric.named(name.name()) : null;
    }

    private static Labels labels(MetricName name) {
        Labels labels = Labels.EMPTY;
        for (Map.Entry<String, String> tag : new TreeMap<>(name.tags()).entrySet()) {
            labels = labels.add(PrometheusNaming.sanitizeLabelName(classic(tag.getKey())), tag.getValue());
        }
        return labels;
    }

    /** The points of one Prometheus metric. */
    private static final class Family {
        final String name;
        final String help;
        final boolean counter;
        final Map<Labels, Double> points = new TreeMap<>();

        Family(String name, MetricName first) {
            PipelineMetric pipeline = pipelineMetric(first);
            this.name = name;
            this.help = pipeline != null ? pipeline.help() : first.description();
            this.counter = pipeline != null ? pipeline.type() == PipelineMetric.Type.COUNTER : name.endsWith(TOTAL);
        }

        MetricSnapshot snapshot() {
            if (counter) {
                CounterSnapshot.Builder counters = CounterSnapshot.builder()
                        .name(PrometheusNaming.sanitizeMetricName(name.substring(0, name.length() - TOTAL.length())))
                        .help(help);
                points.forEach((labels, value) -> counters.dataPoint(
                        CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(value).build()));
                return counters.build();
            }
            GaugeSnapshot.Builder gauges = GaugeSnapshot.builder().name(PrometheusNaming.sanitizeMetricName(name)).help(help);
            points.forEach((labels, value) -> gauges.dataPoint(
                    GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build()));
            return gauges.build();
        }
    }
}
