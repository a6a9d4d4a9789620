package dev.pairing.streams.metrics;

import dev.pairing.runtime.metrics.MetricBinding;
import dev.pairing.runtime.metrics.PipelineMeter;
import dev.pairing.runtime.metrics.PipelineMetric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MeasurableStat;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The pipeline's metrics in Kafka Streams' own registry: one sensor per stream thread, group
 * {@value #GROUP}, tags {@code thread-id} and the metric's label. So they show in JMX
 * ({@code kafka.streams:type=pairing-metrics,...}), in {@code KafkaStreams#metrics()} and in the
 * runner's Prometheus endpoint.
 *
 * <p>A thread's series live as long as the KafkaStreams instance: the tasks of a thread come and go
 * with rebalances, and each one that the thread runs adds to the same counters, so a counter is what
 * the thread did since the instance started. A counter is a {@link LongAdder} read by the metric,
 * so counting costs no lock on the stream thread.
 */
public final class StreamsMetricBinding implements MetricBinding {

    /** The metric group of the pipeline's metrics in Kafka Streams' registry. */
    public static final String GROUP = PipelineMetric.GROUP + "-metrics";
    /** The tag that says which stream thread counted. */
    public static final String THREAD_TAG = "thread-id";

    private final StreamsMetrics metrics;
    private final String threadId;
    private final Sensor sensor;

    StreamsMetricBinding(StreamsMetrics metrics, String threadId) {
        this.metrics = metrics;
        this.threadId = threadId;
        // the registry hands back the thread's sensor if another task of the thread made it already
        this.sensor = metrics.addSensor(GROUP + "." + threadId, Sensor.RecordingLevel.INFO);
    }

    /**
     * A meter for a processor, bound to the stream thread that initialises it.
     *
     * @param context the processor's context, in {@code init}
     * @param steps   what the processor does
     * @return the meter
     */
    public static PipelineMeter meter(ProcessorContext<?, ?> context, PipelineMetric.Step... steps) {
        return new PipelineMeter(new StreamsMetricBinding(context.metrics(), Thread.currentThread().getName()), steps);
    }

    @Override
    public Count counter(PipelineMetric metric, String labelValue) {
        return stat(metric, labelValue, CountStat.class, CountStat::new);
    }

    @Override
    public Registration gauge(PipelineMetric metric, String labelValue, DoubleSupplier value) {
        GaugeStat gauge = stat(metric, labelValue, GaugeStat.class, () -> new GaugeStat(metric));
        gauge.values.add(value);
        return () -> gauge.values.remove(value);
    }

    private <S extends MeasurableStat> S stat(PipelineMetric metric, String labelValue, Class<S> type,
            Supplier<S> create) {
        MetricName name = name(metric, labelValue);
        synchronized (sensor) { // Sensor.add locks the sensor too
            Metric registered = metrics.metrics().get(name);
            if (registered instanceof KafkaMetric kafka && type.isInstance(kafka.measurable())) {
                return type.cast(kafka.measurable());
            }
            S stat = create.get();
            sensor.add(name, stat);
            return stat;
        }
    }

    private MetricName name(PipelineMetric metric, String labelValue) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(THREAD_TAG, threadId);
        if (metric.label() != null) {
            tags.put(metric.label(), labelValue);
        }
        return new MetricName(metric.kafkaName(), GROUP, metric.help(), tags);
    }

    /** A counter's value, counted without the sensor (whose record() takes a lock). */
    static final class CountStat implements MeasurableStat, Count {
        private final LongAdder count = new LongAdder();

        @Override
        public void increment() {
            count.increment();
        }

        @Override
        public void record(MetricConfig config, double value, long timeMs) {
            count.add((long) value);
        }

        @Override
        public double measure(MetricConfig config, long now) {
            return count.sum();
        }
    }

    /**
     * A gauge read from the state that tasks publish; several tasks of the thread may register for
     * one class over time, so the values are combined: counts added up, ages by their largest.
     */
    static final class GaugeStat implements MeasurableStat {
        private final boolean largest;
        final List<DoubleSupplier> values = new CopyOnWriteArrayList<>();

        GaugeStat(PipelineMetric metric) {
            this.largest = metric == PipelineMetric.PENDING_OLDEST_AGE;
        }

        @Override
        public void record(MetricConfig config, double value, long timeMs) {
            // read, never recorded
        }

        @Override
        public double measure(MetricConfig config, long now) {
            double combined = 0;
            for (DoubleSupplier value : values) {
                double v = value.getAsDouble();
                combined = largest ? Math.max(combined, v) : combined + v;
            }
            return combined;
        }
    }
}
