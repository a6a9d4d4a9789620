package dev.pairing.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.matching.PendingLimits;
import dev.pairing.core.validation.RejectReason;
import dev.pairing.endpoint.KafkaClientMetrics;
import dev.pairing.runtime.metrics.PipelineMetric;
import dev.pairing.streams.metrics.StreamsMetricBinding;
import dev.pairing.testsupport.HostileCorpus;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's metrics as the real topology registers them in Kafka Streams' registry, and as the
 * runner's Prometheus endpoint names them, after the shared hostile corpus and some numbers.
 */
class PipelineMetricsTopologyTest {

    @TempDir
    Path stateDir;

    private PairingDriver pipeline;

    @AfterEach
    void close() {
        pipeline.close();
    }

    @Test
    void everyOutcomeIsCountedInKafkaStreamsRegistryUnderTheVocabularysNames() {
        pipeline = new PairingDriver(PairingDriver.config(12, new PendingLimits(2, 0), false), stateDir);
        List<HostileCorpus.Hostile> corpus = HostileCorpus.all();
        long timestamp = 1_000;
        for (HostileCorpus.Hostile bad : corpus) {
            pipeline.send(bad.key(), bad.value(), timestamp++);
        }
        pipeline.sendNumber(5, timestamp++);
        pipeline.sendNumber(7, timestamp++);
        for (int i = 0; i < 3; i++) {
            pipeline.sendNumber(3, timestamp++); // three 3s in a class that holds two: one is evicted
        }
        long raw = corpus.size() + 5L;

        Map<String, Double> pairing = pairingMetrics(pipeline.driver.metrics());
        assertThat(pairing).containsEntry("records-total", (double) raw).containsEntry("pairs-total", 1.0)
                .containsEntry("unpaired-total{reason=EVICTED}", 1.0).containsEntry("unpaired-total{reason=EXPIRED}", 0.0)
                .containsEntry("pending{class=3}", 2.0).containsEntry("pending{class=5}", 0.0)
                .containsEntry("dead-letters-truncated-total", 0.0);
        for (RejectReason reason : RejectReason.values()) {
            long expected = corpus.stream().filter(bad -> bad.reason() == reason).count();
            assertThat(pairing).as(reason.name()).containsEntry("dead-letters-total{reason=" + reason + "}", (double) expected);
        }
        assertThat(pipeline.deadLetters.getQueueSize()).isEqualTo(corpus.size());
    }

    @Test
    void thePrometheusEndpointNamesThemAsTheVocabularyDoesAndKafkasOwnAsKafkaGroupName() {
        pipeline = new PairingDriver(PairingDriver.config(12, PendingLimits.DEFAULT, false), stateDir);
        pipeline.sendNumber(5, 1_000);
        pipeline.sendNumber(4, 1_001);

        MetricSnapshots snapshots = new KafkaClientMetrics(pipeline.driver::metrics).collect();

        MetricSnapshot records = named(snapshots, "pairing_records");
        assertThat(records).isInstanceOf(CounterSnapshot.class);
        assertThat(records.getMetadata().getHelp()).isEqualTo(PipelineMetric.RECORDS.help());
        assertThat(((CounterSnapshot) records).getDataPoints()).singleElement()
                .satisfies(point -> assertThat(point.getValue()).isEqualTo(2.0))
                .satisfies(point -> assertThat(point.getLabels().get("thread_id")).isNotBlank());
        GaugeSnapshot pending = (GaugeSnapshot) named(snapshots, "pairing_pending");
        assertThat(pending.getDataPoints().stream().collect(Collectors.toMap(point -> point.getLabels().get("class"),
                GaugeSnapshot.GaugeDataPointSnapshot::getValue))).containsEntry("5", 1.0).containsEntry("4", 1.0);
        assertThat(named(snapshots, "kafka_stream_task_process")).as("Kafka Streams' own stream-task process-total")
                .isInstanceOf(CounterSnapshot.class);
        assertThat(snapshots.stream().map(s -> s.getMetadata().getName())).doesNotHaveDuplicates();
    }

    /** The pipeline group's metrics as name{label=value} -> value, the thread tag left out. */
    private static Map<String, Double> pairingMetrics(Map<MetricName, ? extends Metric> metrics) {
        return metrics.entrySet().stream().filter(e -> e.getKey().group().equals(StreamsMetricBinding.GROUP))
                .collect(Collectors.toMap(e -> e.getKey().name() + e.getKey().tags().entrySet().stream()
                                .filter(tag -> !tag.getKey().equals(StreamsMetricBinding.THREAD_TAG))
                                .map(tag -> tag.getKey() + "=" + tag.getValue())
                                .collect(Collectors.joining(",", "{", "}")).replace("{}", ""),
                        e -> ((Number) e.getValue().metricValue()).doubleValue()));
    }

    private static MetricSnapshot named(MetricSnapshots snapshots, String name) {
        return snapshots.stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not among " + snapshots.stream()
                        .map(s -> s.getMetadata().getName()).toList()));
    }
}
