package dev.pairing.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.matching.UnpairedReason;
import dev.pairing.core.validation.RejectReason;
import dev.pairing.runtime.OutputRecord;
import dev.pairing.runtime.OutputRecords;
import dev.pairing.schemas.deadletter.DeadLetter;
import dev.pairing.schemas.deadletter.DeadLetterFit;
import dev.pairing.schemas.registry.RegistryRequests;
import dev.pairing.schemas.registry.RegistrySettings;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipelineMeterTest {

    private final RecordingBinding binding = new RecordingBinding();

    @Test
    void aStageRegistersEverySeriesOfItsStepsAtZeroAndNoOther() {
        new PipelineMeter(binding, PipelineMetric.Step.TRIAGE);

        assertThat(binding.count(PipelineMetric.RECORDS, null)).isZero();
        assertThat(binding.counters).hasSize(1);
    }

    @Test
    void theDeadLetterStepHasAZeroSeriesPerReason() {
        new PipelineMeter(binding, PipelineMetric.Step.DEAD_LETTERS);

        for (RejectReason reason : RejectReason.values()) {
            assertThat(binding.count(PipelineMetric.DEAD_LETTERS, reason.name())).as(reason.name()).isZero();
        }
        assertThat(binding.count(PipelineMetric.DEAD_LETTERS_TRUNCATED, null)).isZero();
    }

    @Test
    void eachOutcomeCountsUnderItsMetricAndLabel() {
        PipelineMeter meter = new PipelineMeter(binding, PipelineMetric.Step.values());
        meter.recordRead();
        meter.recordRead();
        meter.paired();
        meter.unpaired(UnpairedReason.EXPIRED);
        meter.lostTransaction();

        assertThat(binding.count(PipelineMetric.RECORDS, null)).isEqualTo(2);
        assertThat(binding.count(PipelineMetric.PAIRS, null)).isEqualTo(1);
        assertThat(binding.count(PipelineMetric.UNPAIRED, "EXPIRED")).isEqualTo(1);
        assertThat(binding.count(PipelineMetric.UNPAIRED, "EVICTED")).isZero();
        assertThat(binding.count(PipelineMetric.LOST_TRANSACTIONS, null)).isEqualTo(1);
    }

    @Test
    void aDeadLetterCutToFitCountsAsTruncatedToo() {
        PipelineMeter meter = new PipelineMeter(binding, PipelineMetric.Step.DEAD_LETTERS);
        DeadLetter letter = new DeadLetter(RejectReason.TOO_LARGE, "too large", "raw", 0, 1, 2);
        byte[] huge = new byte[3 * DeadLetterFit.MINIMUM_LIMIT];
        Arrays.fill(huge, (byte) 'x');
        OutputRecord cut = OutputRecords.deadLetter(null, huge, letter, DeadLetterFit.MINIMUM_LIMIT);
        OutputRecord whole = OutputRecords.deadLetter(null, new byte[] {'x'}, letter, DeadLetterFit.MINIMUM_LIMIT);

        meter.deadLettered(letter, cut);
        meter.deadLettered(letter, whole);

        assertThat(binding.count(PipelineMetric.DEAD_LETTERS, "TOO_LARGE")).isEqualTo(2);
        assertThat(binding.count(PipelineMetric.DEAD_LETTERS_TRUNCATED, null)).isEqualTo(1);
    }

    @Test
    void engineNamesAreTheVocabularysWithoutThePrefix() {
        assertThat(PipelineMetric.DEAD_LETTERS.flinkName()).isEqualTo("dead_letters_total");
        assertThat(PipelineMetric.DEAD_LETTERS.kafkaName()).isEqualTo("dead-letters-total");
        assertThat(PipelineMetric.named("pending-oldest-age-seconds")).isEqualTo(PipelineMetric.PENDING_OLDEST_AGE);
        assertThat(PipelineMetric.named("pairing_records_total")).isEqualTo(PipelineMetric.RECORDS);
        assertThat(PipelineMetric.named("records_total")).isEqualTo(PipelineMetric.RECORDS);
        assertThat(PipelineMetric.named("process-rate")).isNull();
    }

    @Test
    void oneMeterOfTheProcessReportsARegistrysRequestsAndAnotherTakesOverWhenItCloses() {
        Optional<RegistrySettings> registry = Optional.of(RegistrySettings.of("http://127.0.0.1:1/apis/ccompat/v7"));
        RecordingBinding other = new RecordingBinding();

        MetricBinding.Registration first = new PipelineMeter(binding, PipelineMetric.Step.TRIAGE).registryRequests(registry);
        MetricBinding.Registration second = new PipelineMeter(other, PipelineMetric.Step.TRIAGE).registryRequests(registry);

        for (RegistryRequests.Outcome outcome : RegistryRequests.Outcome.values()) {
            assertThat(binding.gauge(PipelineMetric.REGISTRY_REQUESTS, outcome.name())).as(outcome.name()).isZero();
        }
        assertThat(other.gauges).as("the second meter reports nothing: the first does").isEmpty();
        first.close();
        second.close();
        new PipelineMeter(other, PipelineMetric.Step.TRIAGE).registryRequests(registry);
        assertThat(other.gauge(PipelineMetric.REGISTRY_REQUESTS, "OK")).isZero();
    }

    @Test
    void aProcessWithoutARegistryReportsZeroRequestsOnce() {
        RecordingBinding other = new RecordingBinding();

        MetricBinding.Registration first = new PipelineMeter(binding).registryRequests(Optional.empty());
        MetricBinding.Registration second = new PipelineMeter(other).registryRequests(Optional.empty());

        for (RegistryRequests.Outcome outcome : RegistryRequests.Outcome.values()) {
            assertThat(binding.gauge(PipelineMetric.REGISTRY_REQUESTS, outcome.name())).as(outcome.name()).isZero();
        }
        assertThat(other.gauges).as("one meter of the process reports").isEmpty();
        first.close();
        second.close();
    }
}
