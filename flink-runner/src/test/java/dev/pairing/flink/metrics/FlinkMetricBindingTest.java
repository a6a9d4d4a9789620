package dev.pairing.flink.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.matching.UnpairedReason;
import dev.pairing.runtime.metrics.PipelineMeter;
import dev.pairing.runtime.metrics.PipelineMetric;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.Test;

/** The pipeline's metrics in a Flink metric group, where the dashboard and the reporters find them. */
class FlinkMetricBindingTest {

    private final MetricListener listener = new MetricListener();

    @Test
    void aLabelledCounterIsAKeyValueGroupUnderPairing() {
        PipelineMeter meter = FlinkMetricBinding.meter(listener.getMetricGroup(), PipelineMetric.Step.MATCHING);
        meter.paired();
        meter.unpaired(UnpairedReason.EVICTED);

        assertThat(count("pairing", "pairs_total")).isEqualTo(1);
        assertThat(count("pairing", "reason", "EVICTED", "unpaired_total")).isEqualTo(1);
        assertThat(count("pairing", "reason", "EXPIRED", "unpaired_total")).as("registered at 0").isZero();
    }

    /** The Kafka sink opens its serializer twice on one writer: the second meter must not count into the void. */
    @Test
    void aSecondMeterOnTheSameGroupCountsIntoTheSameSeries() {
        FlinkMetricBinding.meter(listener.getMetricGroup(), PipelineMetric.Step.TRIAGE).recordRead();
        FlinkMetricBinding.meter(listener.getMetricGroup(), PipelineMetric.Step.TRIAGE).recordRead();

        assertThat(count("pairing", "records_total")).isEqualTo(2);
    }

    private long count(String... path) {
        return listener.getCounter(path).map(Counter::getCount).orElseThrow(() -> new AssertionError(String.join(".", path)
                + " is not registered"));
    }
}
