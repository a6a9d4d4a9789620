package dev.pairing.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pairing.flink.JobFlags;
import dev.pairing.flink.PairingJobConfig;
import dev.pairing.testsupport.LaunchedKafka;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.connector.kafka.sink.KafkaCommittable;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A checkpoint or savepoint restored after its sinks' transactional ids expired at the broker
 * ({@code transactional.id.expiration.ms}, 7 days by default; 3 s on this broker): the committer's
 * re-commit meets a transaction the broker no longer knows. It ended long ago, committed or aborted,
 * and nobody can tell which any more; the job must neither restart forever nor call it lost, but stop
 * and say so, unless told to go on ({@code --acceptExpiredTransactions true}).
 */
class ExpiredTransactionIT {

    @RegisterExtension
    static final LaunchedKafka KAFKA = new LaunchedKafka()
            .withBrokerProperty("transactional.id.expiration.ms", "3000")
            .withBrokerProperty("transaction.remove.expired.transaction.cleanup.interval.ms", "500");

    @Test
    void aCheckpointOlderThanTheTransactionalIdExpirationStopsTheJobSayingSo() throws Exception {
        String topic = "expired-enriched";
        KAFKA.createTopics(1, topic);
        PairingJobConfig config = JobFlags.parse("--bootstrapServers", KAFKA.bootstrapServers(), "--groupId", "expired",
                "--enrichedTopic", topic);
        KafkaCommittable checkpointed = committedThenExpired(config, topic);

        Committer<KafkaCommittable> committer = OutputSinks.enriched(config).createCommitter(new OneCommitterSubtask());
        RecordingCommitRequest restored = new RecordingCommitRequest(checkpointed);
        assertThatThrownBy(() -> committer.commit(List.of(restored)))
                .as("no restart: it would meet the same transaction")
                .isInstanceOf(SuppressRestartsException.class)
                .cause()
                .hasMessageContaining("EXPIRED")
                .hasMessageContaining(checkpointed.getTransactionalId())
                .hasMessageContaining("transactional.id.expiration.ms")
                .hasMessageContaining("--acceptExpiredTransactions true")
                .hasMessageNotContaining("LOST");
        assertThat(KAFKA.readCommitted(topic)).as("what the transaction committed before it expired").hasSize(1);
        committer.close();
    }

    @Test
    void toldToGoOnTheJobCountsTheExpiredTransactionAsEndedAndCommitsOn() throws Exception {
        String topic = "expired-accepted";
        KAFKA.createTopics(1, topic);
        PairingJobConfig config = JobFlags.parse("--bootstrapServers", KAFKA.bootstrapServers(), "--groupId", "accepted",
                "--enrichedTopic", topic, "--acceptExpiredTransactions", "true");
        KafkaCommittable checkpointed = committedThenExpired(config, topic);

        Committer<KafkaCommittable> committer = OutputSinks.enriched(config).createCommitter(new OneCommitterSubtask());
        RecordingCommitRequest restored = new RecordingCommitRequest(checkpointed);
        committer.commit(List.of(restored));

        assertThat(restored.signals).containsExactly("already committed");
        assertThat(KAFKA.readCommitted(topic)).hasSize(1);
        committer.close();
    }

    /** A sink's transaction as a completed checkpoint holds it, committed, then forgotten by the broker. */
    private static KafkaCommittable committedThenExpired(PairingJobConfig config, String topic) throws Exception {
        KafkaCommittable checkpointed;
        try (CheckpointedTransaction job = CheckpointedTransaction.open(config, topic)) {
            checkpointed = job.committable();
            job.commit();
        }
        try (Admin admin = KAFKA.admin()) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
                try {
                    admin.describeTransactions(List.of(checkpointed.getTransactionalId())).all().get();
                    return false;
                } catch (ExecutionException e) {
                    return e.getCause() instanceof TransactionalIdNotFoundException;
                }
            });
        }
        return checkpointed;
    }
}
