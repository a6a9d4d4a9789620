package dev.pairing.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pairing.flink.JobFlags;
import dev.pairing.flink.PairingJobConfig;
import dev.pairing.flink.TransactionTimeout;
import dev.pairing.runtime.PipelineStartup;
import dev.pairing.testsupport.LaunchedKafka;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.connector.kafka.sink.KafkaCommittable;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The moment output is lost for good: a checkpoint has completed, so it holds a sink's transaction
 * and input offsets past that transaction's records, but the job was down longer than
 * {@code transaction.timeout.ms} and the broker aborted the transaction. On recovery the sink's
 * committer must fail the job, not log a line and carry on. The connector's real committer against a
 * real broker; the transaction is left open exactly as a failed job leaves it.
 */
class LostTransactionIT {

    private static final String TOPIC = "lost-enriched";

    @RegisterExtension
    static final LaunchedKafka KAFKA = new LaunchedKafka();

    @Test
    void aCheckpointedTransactionTheBrokerAbortedFailsTheJobForGood() throws Exception {
        KAFKA.createTopics(1, TOPIC);
        PairingJobConfig config = JobFlags.parse("--bootstrapServers", KAFKA.bootstrapServers(), "--groupId", "lost",
                "--enrichedTopic", TOPIC, "--checkpointInterval", "1s", "--kafkaProperty", "transaction.timeout.ms=2000");

        try (CheckpointedTransaction job = CheckpointedTransaction.open(config, TOPIC)) {
            // what a completed checkpoint stores for the committer; then the job is down
            KafkaCommittable checkpointed = job.committable();
            String transactionalId = job.transactionalId();
            awaitAbortedByTheBroker(transactionalId);

            Committer<KafkaCommittable> committer = OutputSinks.enriched(config).createCommitter(new OneCommitterSubtask());
            RecordingCommitRequest recovered = new RecordingCommitRequest(checkpointed);
            assertThatThrownBy(() -> committer.commit(List.of(recovered)))
                    .as("the committer of the recovered job")
                    .as("no restart: it would meet the same transaction")
                    .isInstanceOf(SuppressRestartsException.class)
                    .cause().as("what the job's exception history shows")
                    .hasMessageContaining("output LOST")
                    .hasMessageContaining(transactionalId)
                    .hasMessageContaining(TOPIC)
                    .hasMessageContaining("transaction.timeout.ms");
            assertThat(recovered.signals).as("the connector's own verdict still reaches Flink").containsExactly("failed");
            assertThat(KAFKA.readCommitted(TOPIC)).isEmpty();
            committer.close();
        }
    }

    /**
     * The common recovery: the transaction was committed before the failure and the restored checkpoint
     * commits it again. With Kafka 4's transactions the producer is fenced then too (the epoch moved on
     * at the commit), so the connector reports the same failure as for a lost transaction; nothing was lost.
     */
    @Test
    void aCheckpointedTransactionCommittedBeforeTheFailureIsNoLoss() throws Exception {
        KAFKA.createTopics(1, TOPIC + "-committed");
        PairingJobConfig config = JobFlags.parse("--bootstrapServers", KAFKA.bootstrapServers(), "--groupId", "kept",
                "--enrichedTopic", TOPIC + "-committed");

        KafkaCommittable checkpointed;
        try (CheckpointedTransaction job = CheckpointedTransaction.open(config, TOPIC + "-committed")) {
            checkpointed = job.committable();
            job.commit(); // the committer of the failed job got this far
        }

        Committer<KafkaCommittable> committer = OutputSinks.enriched(config).createCommitter(new OneCommitterSubtask());
        RecordingCommitRequest recovered = new RecordingCommitRequest(checkpointed);
        committer.commit(List.of(recovered));

        assertThat(KAFKA.readCommitted(TOPIC + "-committed")).hasSize(1);
        committer.close();
    }

    @Test
    void withoutOneGivenTheSinksAskForAsLongAsTheBrokerAllows() throws Exception {
        PairingJobConfig config = JobFlags.parse("--bootstrapServers", KAFKA.bootstrapServers());
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        PairingJobConfig resolved = TransactionTimeout.resolve(config, PipelineStartup.Report.printing(new PrintStream(log, true, StandardCharsets.UTF_8)::println));

        // this broker keeps Kafka's default maximum
        assertThat(resolved.transactionTimeout()).isEqualTo(Duration.ofMillis(900_000));
        assertThat(resolved.requestedTransactionTimeout()).hasValue(Duration.ofMillis(900_000));
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("sinks' transaction.timeout.ms=900000; the broker allows up to 900000");
    }

    @Test
    void aMaximumThatCannotBeReadFallsBackToKafkasDefaultAndSaysSo() throws Exception {
        PairingJobConfig config = JobFlags.parse("--bootstrapServers", "127.0.0.1:" + closedPort(),
                "--kafkaProperty", "default.api.timeout.ms=2000", "--kafkaProperty", "request.timeout.ms=1000");
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        PairingJobConfig resolved = TransactionTimeout.resolve(config, PipelineStartup.Report.printing(new PrintStream(log, true, StandardCharsets.UTF_8)::println));

        assertThat(resolved.transactionTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("WARNING: could not read the broker's "
                + "transaction.max.timeout.ms").contains("transaction.timeout.ms=900000, Kafka's default maximum");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitAbortedByTheBroker(String transactionalId) {
        try (Admin admin = KAFKA.admin()) {
            // the broker looks for expired transactions every 10 s by default
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                    admin.describeTransactions(List.of(transactionalId)).all().get().get(transactionalId).state()
                            == TransactionState.COMPLETE_ABORT);
        }
    }
}
