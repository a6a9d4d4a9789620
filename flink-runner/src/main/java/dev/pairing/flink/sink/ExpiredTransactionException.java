package dev.pairing.flink.sink;

import org.apache.flink.connector.kafka.sink.KafkaCommittable;

/**
 * A transaction of the restored checkpoint or savepoint whose transactional id the broker has
 * forgotten: it ended at least {@code transactional.id.expiration.ms} ago, committed or aborted, and
 * the broker can no longer say which.
 */
public final class ExpiredTransactionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ExpiredTransactionException(KafkaCommittable transaction, String topic, Throwable cause) {
        super("output EXPIRED at the broker: the Kafka transaction " + transaction.getTransactionalId() + " (producer id "
                + transaction.getProducerId() + ", epoch " + transaction.getEpoch() + ") to " + topic + " belongs to the"
                + " checkpoint or savepoint this job restored, but the broker no longer knows its transactional id ("
                + cause + "). A broker forgets an id transactional.id.expiration.ms (7 days by default) after its last"
                + " transaction ended, so this one ended at least that long ago, committed or aborted, and nobody can"
                + " tell which any more. A checkpoint's transactions are committed moments after it completes, so"
                + " committed is the likely end, unless the job failed in that moment and stayed down. The job stops"
                + " instead of restarting forever: run verify to see whether " + topic + " misses or doubles output,"
                + " then resubmit from this checkpoint with --acceptExpiredTransactions true (the transaction counts"
                + " as ended and the job goes on), or without the checkpoint (from the group's committed offsets)", cause);
    }
}
