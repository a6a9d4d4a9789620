package dev.pairing.runtime.metrics;

import java.util.function.DoubleSupplier;

/**
 * How one engine registers the pipeline's metrics in its own metric system: a Kafka Streams
 * runner's stream thread in Kafka Streams' registry (so they show in JMX and in
 * {@code KafkaStreams#metrics()}), a Flink subtask in its operator's metric group (so they show in
 * the dashboard and in Flink's reporters). What is counted, and when, is {@link PipelineMeter}'s.
 */
public interface MetricBinding {

    /** One series of a counter. */
    @FunctionalInterface
    interface Count {
        void increment();
    }

    /** A registered gauge, withdrawn when the state it reads is no longer this owner's. */
    @FunctionalInterface
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * The counter's series for one label value, registered on first request; asked again, the
     * same series.
     *
     * @param metric     a counter
     * @param labelValue the value of the metric's label, or null for a metric without one
     * @return where to count; thread-safe if the engine may call it from several threads
     */
    Count counter(PipelineMetric metric, String labelValue);

    /**
     * A gauge's series for one label value, reading {@code value} whenever the engine reports.
     *
     * @param metric     a gauge
     * @param labelValue the value of the metric's label
     * @param value      read from the engine's reporting thread, so it must read state published safely
     * @return the registration; closing it withdraws {@code value}
     */
    Registration gauge(PipelineMetric metric, String labelValue, DoubleSupplier value);

    /** Registers nothing: for a runner that is built without metrics (a library user's own topology). */
    MetricBinding NONE = new MetricBinding() {
        @Override
        public Count counter(PipelineMetric metric, String labelValue) {
            return () -> { };
        }

        @Override
        public Registration gauge(PipelineMetric metric, String labelValue, DoubleSupplier value) {
            return () -> { };
        }
    };
}
