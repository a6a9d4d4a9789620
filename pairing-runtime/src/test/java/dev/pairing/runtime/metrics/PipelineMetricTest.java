package dev.pairing.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A scraped series' name leads back to its metric, as each engine's endpoint spells it. */
class PipelineMetricTest {

    @Test
    void theStreamsRunnersNamesAreThePrometheusNames() {
        for (PipelineMetric metric : PipelineMetric.values()) {
            assertThat(PipelineMetric.scraped(metric.prometheusName())).isEqualTo(metric);
        }
    }

    /** The names docs/operations.md quotes from Flink's reporter, and the prometheus.yml rule renames. */
    @Test
    void flinksReporterPutsTheScopeAndTheLabelsKeyIntoTheName() {
        assertThat(PipelineMetric.scraped("flink_taskmanager_job_task_operator_pairing_pairs_total"))
                .isEqualTo(PipelineMetric.PAIRS);
        assertThat(PipelineMetric.scraped("flink_taskmanager_job_task_operator_pairing_reason_unpaired_total"))
                .isEqualTo(PipelineMetric.UNPAIRED);
        assertThat(PipelineMetric.scraped("flink_taskmanager_job_task_operator_user_pairing_reason_dead_letters_total"))
                .isEqualTo(PipelineMetric.DEAD_LETTERS);
        assertThat(PipelineMetric.scraped("flink_taskmanager_job_task_operator_pairing_class_pending"))
                .isEqualTo(PipelineMetric.PENDING);
        assertThat(PipelineMetric.scraped("flink_taskmanager_job_task_operator_pairing_class_pending_oldest_age_seconds"))
                .isEqualTo(PipelineMetric.PENDING_OLDEST_AGE);
    }

    @Test
    void otherSeriesAreNoneOfThePipelines() {
        assertThat(PipelineMetric.scraped("kafka_consumer_fetch_manager_records_lag")).isNull();
        assertThat(PipelineMetric.scraped("flink_taskmanager_job_task_operator_numRecordsIn")).isNull();
        // the label's key belongs before the name, not in place of another metric's
        assertThat(PipelineMetric.scraped("flink_taskmanager_job_task_operator_pairing_pending")).isNull();
        assertThat(PipelineMetric.scraped("pairing_something_else")).isNull();
    }
}
