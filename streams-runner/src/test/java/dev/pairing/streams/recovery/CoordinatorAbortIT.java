package dev.pairing.streams.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.pairing.testsupport.EmbeddedKafka;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the broker answers a producer whose open transaction it aborted on its own (the transaction
 * outlived {@code transaction.timeout.ms}, as a broker outage, a partition or a frozen process makes
 * it): "fenced", which Kafka Streams recovers from by rejoining its group. Kafka 4.3.1 answered
 * {@code INVALID_TXN_STATE} under transactions version 2 (KAFKA-20785), which every client takes as
 * fatal; {@link StreamThreadFailurePolicy} replaced the stream thread for it. This test pins the
 * broker behaviour the runner relies on, so an upgrade that brings the defect back fails here.
 */
class CoordinatorAbortIT {

    private static final String TOPIC = "coordinator-abort";
    private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(1);

    @RegisterExtension
    static final EmbeddedKafka kafka = new EmbeddedKafka()
            // the coordinator looks for timed-out transactions every 10 s by default
            .withBrokerProperty("transaction.abort.timed.out.transaction.cleanup.interval.ms", "200");

    @Test
    void aCommitAfterTheCoordinatorAbortedTheTransactionIsFencedNotFatal() throws Exception {
        kafka.createTopics(1, TOPIC);
        FinalizedVersionRange transactionVersion;
        try (Admin admin = kafka.admin()) {
            transactionVersion = admin.describeFeatures().featureMetadata().get(30, TimeUnit.SECONDS)
                    .finalizedFeatures().get("transaction.version");
        }
        assertThat(transactionVersion).as("the broker runs transactions version 2 (KIP-890), where 4.3.1 erred")
                .isNotNull().extracting(FinalizedVersionRange::maxVersionLevel).isEqualTo((short) 2);

        Properties props = kafka.producerProperties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "coordinator-abort-it");
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(TRANSACTION_TIMEOUT.toMillis()));
        Throwable commit;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, "outlives its transaction".getBytes())).get(30, TimeUnit.SECONDS);
            await("the coordinator aborts the transaction that outlived its timeout").atMost(Duration.ofSeconds(60))
                    .until(() -> state("coordinator-abort-it") == TransactionState.COMPLETE_ABORT);

            commit = catchThrowable(producer::commitTransaction);
        }

        assertThat(commit).as("the commit of a transaction the coordinator had aborted (KAFKA-20785)")
                .isNotInstanceOf(InvalidTxnStateException.class)
                .isInstanceOf(ProducerFencedException.class);
        assertThat(kafka.readCommitted(TOPIC)).as("the aborted record stays invisible to read_committed").isEmpty();
    }

    private static TransactionState state(String transactionalId) throws Exception {
        try (Admin admin = kafka.admin()) {
            TransactionDescription description = admin.describeTransactions(List.of(transactionalId))
                    .description(transactionalId).get(10, TimeUnit.SECONDS);
            return description.state();
        }
    }
}
