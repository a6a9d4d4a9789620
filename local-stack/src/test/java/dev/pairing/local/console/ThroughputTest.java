package dev.pairing.local.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.runtime.metrics.PipelineMetric;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plot's rates and the pending per class from rounds of scrapes, as both engines serve them: the
 * Streams runner's names with a {@code thread_id}, Flink's reporter's scoped names per subtask.
 */
class ThroughputTest {

    private static final String STREAMS = "/metrics";
    private static final String TASK_MANAGER = "tm";

    @Test
    void ratesAreTheIncreaseOfEverySeriesOverTheSecondsBetweenRounds() {
        Throughput throughput = new Throughput(10);
        throughput.add(1_000, Map.of(STREAMS, streams(100, 40, 2, 5), TASK_MANAGER, flink(10, 4, 0)));
        // a baseline: no point yet, and nothing counted of what the counters held before
        assertThat(throughput.points()).isEmpty();

        throughput.add(3_000, Map.of(STREAMS, streams(300, 140, 6, 7), TASK_MANAGER, flink(30, 6, 2)));

        assertThat(throughput.points()).hasSize(1);
        Throughput.Point point = throughput.points().get(0);
        assertThat(point.atMillis()).isEqualTo(3_000);
        // (200 + 20) records, (100 + 2) pairs, (4 + 2) dead letters over 2 s
        assertThat(point.perSecond()).containsExactly(110.0, 51.0, 3.0);
        assertThat(throughput.totals()).containsEntry(PipelineMetric.RECORDS, 220.0)
                .containsEntry(PipelineMetric.PAIRS, 102.0).containsEntry(PipelineMetric.DEAD_LETTERS, 6.0);
    }

    @Test
    void aCounterThatWentDownRestartedAndCountsItsNewValue() {
        Throughput throughput = new Throughput(10);
        throughput.add(0, Map.of(STREAMS, streams(500, 200, 10, 0)));
        // the runner was SIGKILLed and restarted: its counters began again at 0
        throughput.add(1_000, Map.of(STREAMS, streams(30, 12, 1, 0)));

        assertThat(throughput.points().get(0).perSecond()).containsExactly(30.0, 12.0, 1.0);
    }

    @Test
    void aRoundWithoutAnswersIsAGapAndKeepsTheLastPending() {
        Throughput throughput = new Throughput(10);
        throughput.add(0, Map.of(STREAMS, streams(0, 0, 0, 3)));
        throughput.add(1_000, Map.of());

        assertThat(throughput.points()).hasSize(1);
        assertThat(throughput.points().get(0).perSecond()).isNull();
        assertThat(throughput.pending().atMillis()).isZero();
        assertThat(throughput.pending().byClass()).containsEntry("1", 3.0);
    }

    @Test
    void pendingIsSummedOverEndpointsAndTheOldestAgeIsTheLargest() {
        Throughput throughput = new Throughput(10);
        throughput.add(0, Map.of(STREAMS, streams(0, 0, 0, 3), TASK_MANAGER, flink(0, 0, 0)));

        // class 1: 3 on the Streams runner, 2 + 1 on Flink's two subtasks; ages 4.5, 2 and 7
        assertThat(throughput.pending().byClass()).containsEntry("1", 6.0).containsEntry("11", 1.0);
        assertThat(throughput.pending().oldestAgeSeconds()).containsEntry("1", 7.0);
    }

    @Test
    void theOldestPointsGoFirstBeyondTheCapacity() {
        Throughput throughput = new Throughput(2);
        for (int round = 0; round < 5; round++) {
            throughput.add(round * 1_000L, Map.of(STREAMS, streams(round * 10, 0, 0, 0)));
        }
        assertThat(throughput.points()).extracting(Throughput.Point::atMillis).containsExactly(3_000L, 4_000L);
    }

    @Test
    void aScrapeIsPrometheusTextFormatOrRefused() {
        Scrape scrape = Scrape.parse(streamsText(7, 3, 1, 0));
        assertThat(scrape.byLabel(PipelineMetric.DEAD_LETTERS, Double::sum)).containsEntry("NOT_A_NUMBER", 1.0)
                .containsEntry("TOO_LARGE", 0.0);
        assertThat(scrape.series()).noneMatch(s -> s.metric() == null);
        assertThatThrownBy(() -> Scrape.parse("pairing_pairs_total{thread_id=\"a} 1\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** What the Streams runner's endpoint serves: one thread, other metrics around the pipeline's. */
    private static Scrape streams(long records, long pairs, long notANumber, long pendingClass1) {
        return Scrape.parse(streamsText(records, pairs, notANumber, pendingClass1));
    }

    private static String streamsText(long records, long pairs, long notANumber, long pendingClass1) {
        return """
                # HELP pairing_records_total raw records read and triaged
                # TYPE pairing_records_total counter
                pairing_records_total{thread_id="app-StreamThread-1"} %d.0
                pairing_pairs_total{thread_id="app-StreamThread-1"} %d.0
                pairing_dead_letters_total{reason="NOT_A_NUMBER",thread_id="app-StreamThread-1"} %d.0
                pairing_dead_letters_total{reason="TOO_LARGE",thread_id="app-StreamThread-1"} 0.0
                pairing_pending{class="1",thread_id="app-StreamThread-1"} %d.0
                pairing_pending_oldest_age_seconds{class="1",thread_id="app-StreamThread-1"} 4.5
                kafka_consumer_fetch_manager_records_lag{partition="0"} 12.0
                jvm_threads_live 40
                """.formatted(records, pairs, notANumber, pendingClass1);
    }

    /** What Flink's reporter on a TaskManager serves: two subtasks, the dead letters under {@code user}. */
    private static Scrape flink(long records, long pairs, long notANumber) {
        return Scrape.parse("""
                # TYPE flink_taskmanager_job_task_operator_pairing_records_total counter
                flink_taskmanager_job_task_operator_pairing_records_total{job_name="pairing",subtask_index="0",task_name="triage",} %d.0
                flink_taskmanager_job_task_operator_pairing_pairs_total{job_name="pairing",subtask_index="0",task_name="match",} %d.0
                flink_taskmanager_job_task_operator_user_pairing_reason_dead_letters_total{reason="NOT_A_NUMBER",subtask_index="0",} %d.0
                flink_taskmanager_job_task_operator_pairing_class_pending{class="1",subtask_index="0",} 2.0
                flink_taskmanager_job_task_operator_pairing_class_pending{class="1",subtask_index="1",} 1.0
                flink_taskmanager_job_task_operator_pairing_class_pending{class="11",subtask_index="1",} 1.0
                flink_taskmanager_job_task_operator_pairing_class_pending_oldest_age_seconds{class="1",subtask_index="1",} 7.0
                flink_taskmanager_job_task_operator_numRecordsIn{subtask_index="0",} 99.0
                """.formatted(records, pairs, notANumber));
    }
}
