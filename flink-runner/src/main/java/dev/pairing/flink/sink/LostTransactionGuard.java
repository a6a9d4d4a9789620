package dev.pairing.flink.sink;

import dev.pairing.runtime.metrics.PipelineMeter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.connector.kafka.sink.KafkaCommittable;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.errors.InvalidPidMappingException;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka sink's committer, made loud. When a transaction that a completed checkpoint holds can no
 * longer be committed, the connector logs that this "most likely signals data loss", marks the commit
 * failed and carries on. It cannot tell the two cases apart: on recovery it commits the restored
 * checkpoint's transactions again, and with Kafka 4's transactions (the epoch is bumped when one ends)
 * a transaction committed before the failure answers exactly as one the broker aborted because the job
 * was down longer than {@code transaction.timeout.ms}: the producer is fenced. So on such a failure
 * this committer asks the transaction coordinator how the transaction ended. Committed: nothing was
 * lost. Aborted, or it cannot tell: the transaction's records are gone from the output while the
 * checkpoint's input offsets are past them, and it fails the job for good (no restart: a restart from
 * the same checkpoint would meet the same transaction) with a message naming the transaction.
 *
 * <p>A checkpoint older than the broker's {@code transactional.id.expiration.ms} (7 days by default;
 * a savepoint kept for weeks, a job down that long) meets a transactional id the broker has forgotten:
 * the re-commit fails with {@link InvalidPidMappingException}, which the connector reports as an
 * unknown failure, and the job would restart from the same checkpoint forever (cf. FLINK-39072). Such
 * a transaction ended long ago, committed or aborted, and no one can tell which now: not lost for
 * certain, not safe for certain. So it fails the job for good with {@link ExpiredTransactionException},
 * saying so, unless the job runs with {@code --acceptExpiredTransactions true}: then it counts as
 * ended (already committed) with a warning and the job goes on.
 */
final class LostTransactionGuard implements Committer<KafkaCommittable> {

    private static final Logger LOG = LoggerFactory.getLogger(LostTransactionGuard.class);
    private static final long ASK_TIMEOUT_SECONDS = 30;

    private final Committer<KafkaCommittable> connector;
    private final String topic;
    private final Properties client;
    private final boolean acceptExpired;
    private final PipelineMeter meter;

    /**
     * @param client        Kafka client properties that reach the transaction coordinator (the sink's)
     * @param acceptExpired a transaction whose id the broker forgot counts as ended instead of stopping the job
     * @param meter         counts each lost transaction
     */
    LostTransactionGuard(Committer<KafkaCommittable> connector, String topic, Properties client, boolean acceptExpired,
            PipelineMeter meter) {
        this.connector = connector;
        this.topic = topic;
        this.client = client;
        this.acceptExpired = acceptExpired;
        this.meter = meter;
    }

    @Override
    public void commit(Collection<CommitRequest<KafkaCommittable>> requests) throws IOException, InterruptedException {
        List<Watched> watched = new ArrayList<>(requests.size());
        for (CommitRequest<KafkaCommittable> request : requests) {
            watched.add(new Watched(request));
        }
        connector.commit(new ArrayList<>(watched));
        for (Watched request : watched) {
            if (request.unknownFailure != null) {
                if (!expired(request.unknownFailure)) {
                    request.request.signalFailedWithUnknownReason(request.unknownFailure); // Flink's failover, as before
                    continue;
                }
                settleExpired(request, request.unknownFailure);
                request.request.signalAlreadyCommitted();
            } else if (request.failure != null) {
                Outcome outcome = outcome(request.getCommittable());
                if (outcome.expired()) {
                    settleExpired(request, request.failure); // already signalled failed: Flink moves past it
                } else if (!outcome.committed()) {
                    meter.lostTransaction();
                    throw new SuppressRestartsException(new LostTransactionException(request.getCommittable(), topic,
                            outcome.said(), request.failure));
                }
            }
        }
    }

    /** Stops the job for good, or with {@code --acceptExpiredTransactions} says what it lets pass. */
    private void settleExpired(Watched request, Throwable failure) {
        ExpiredTransactionException expired = new ExpiredTransactionException(request.getCommittable(), topic, failure);
        if (!acceptExpired) {
            throw new SuppressRestartsException(expired);
        }
        LOG.warn("--acceptExpiredTransactions: counting the transaction as ended and going on. {}", expired.getMessage());
    }

    /** The broker has forgotten the transactional id (or the producer id it had for it). */
    private static boolean expired(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof InvalidPidMappingException || cause instanceof TransactionalIdNotFoundException) {
                return true;
            }
        }
        return false;
    }

    /** How the transaction coordinator says the transaction ended, in words for the message. */
    private record Outcome(boolean committed, boolean expired, String said) {}

    private Outcome outcome(KafkaCommittable transaction) {
        String id = transaction.getTransactionalId();
        try (Admin admin = Admin.create(client)) {
            TransactionDescription description = admin.describeTransactions(List.of(id)).description(id)
                    .get(ASK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            // a transactional id names one checkpoint's transaction of one subtask, so its last end is this one's
            boolean committed = description.state() == TransactionState.COMPLETE_COMMIT
                    && description.producerId() == transaction.getProducerId();
            return new Outcome(committed, false, "the coordinator reports " + description.state() + " for producer id "
                    + description.producerId());
        } catch (ExecutionException e) {
            // "not found" is no loss for certain: the id outlived transactional.id.expiration.ms
            return new Outcome(false, expired(e.getCause()), "the coordinator could not be asked how it ended: "
                    + e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            return new Outcome(false, false, "the coordinator could not be asked how it ended: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, false, "interrupted while asking the coordinator how it ended");
        }
    }

    @Override
    public void close() throws Exception {
        connector.close();
    }

    /**
     * Passes every signal on but an unknown failure, which it holds until the guard has seen its cause
     * (Flink's own request throws on it, ending the connector's loop); remembers a failure the connector
     * considers known (and would swallow).
     */
    private static final class Watched implements CommitRequest<KafkaCommittable> {

        private final CommitRequest<KafkaCommittable> request;
        private Throwable failure;
        private Throwable unknownFailure;

        Watched(CommitRequest<KafkaCommittable> request) {
            this.request = request;
        }

        @Override
        public KafkaCommittable getCommittable() {
            return request.getCommittable();
        }

        @Override
        public int getNumberOfRetries() {
            return request.getNumberOfRetries();
        }

        @Override
        public void signalFailedWithKnownReason(Throwable t) {
            failure = t;
            request.signalFailedWithKnownReason(t);
        }

        @Override
        public void signalFailedWithUnknownReason(Throwable t) {
            unknownFailure = t;
        }

        @Override
        public void retryLater() {
            request.retryLater();
        }

        @Override
        public void updateAndRetryLater(KafkaCommittable committable) {
            request.updateAndRetryLater(committable);
        }

        @Override
        public void signalAlreadyCommitted() {
            request.signalAlreadyCommitted();
        }
    }
}
