package dev.pairing.flink.metrics;

import dev.pairing.runtime.metrics.MetricBinding;
import dev.pairing.runtime.metrics.PipelineMeter;
import dev.pairing.runtime.metrics.PipelineMetric;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * The pipeline's metrics in a Flink operator's metric group: a group {@code pairing} and, for a
 * labelled metric, a key-value group of its label ({@code reason}, {@code class}, {@code outcome}),
 * so the dashboard lists {@code pairing.pairs_total} and {@code pairing.reason.NOT_A_NUMBER.dead_letters_total},
 * and Flink's Prometheus reporter exports {@code flink_taskmanager_job_task_operator_pairing_pairs_total}
 * and {@code flink_taskmanager_job_task_operator_pairing_reason_dead_letters_total{reason="NOT_A_NUMBER"}}.
 * (A sink's serializer gets its metric group under a group {@code user}: the dead letters are
 * {@code flink_taskmanager_job_task_operator_user_pairing_reason_dead_letters_total}.) The scrape
 * configuration the project ships renames those to the vocabulary's names ({@code pairing_pairs_total},
 * {@code pairing_dead_letters_total}).
 *
 * <p>The series are the subtask's: they start at 0 with each attempt of the task (a restart of the
 * job starts them again) and go with it. One subtask, one thread: Flink's plain counters suffice.
 */
public final class FlinkMetricBinding implements MetricBinding {

    /**
     * The counters registered in each group, whoever registered them. A metric registered twice in
     * one group is not reported the second time, and the Kafka sink opens its serializer more than
     * once on the same writer: the second meter must count into the first one's counters.
     */
    private static final Map<MetricGroup, Map<String, Count>> REGISTERED =
            Collections.synchronizedMap(new WeakHashMap<>());

    private final MetricGroup pairing;
    private final Map<String, Count> counters;

    FlinkMetricBinding(MetricGroup operator) {
        this.pairing = operator.addGroup(PipelineMetric.GROUP);
        this.counters = REGISTERED.computeIfAbsent(pairing, group -> new ConcurrentHashMap<>());
    }

    /**
     * A meter on an operator's metric group.
     *
     * @param operator the operator's (or the sink writer's, or committer's) metric group
     * @param steps    what the operator does
     * @return the meter
     */
    public static PipelineMeter meter(MetricGroup operator, PipelineMetric.Step... steps) {
        return new PipelineMeter(new FlinkMetricBinding(operator), steps);
    }

    @Override
    public Count counter(PipelineMetric metric, String labelValue) {
        // asked twice, Flink would register nothing the second time: the first is kept
        return counters.computeIfAbsent(metric.name() + "/" + labelValue, key -> {
            Counter counter = group(metric, labelValue).counter(metric.flinkName());
            return counter::inc;
        });
    }

    @Override
    public Registration gauge(PipelineMetric metric, String labelValue, DoubleSupplier value) {
        group(metric, labelValue).gauge(metric.flinkName(), (Gauge<Double>) value::getAsDouble);
        // Flink withdraws an operator's metrics with the subtask, which is also when its state goes
        return () -> { };
    }

    private MetricGroup group(PipelineMetric metric, String labelValue) {
        return metric.label() == null ? pairing : pairing.addGroup(metric.label(), labelValue);
    }
}
