package dev.pairing.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;

/**
 * Refuses to start a pipeline on outputs another pipeline is writing: two runners on one set of
 * outputs (a Streams runner and a Flink job started side by side, say) put every raw record in the
 * ledger twice, and nothing else would notice. An exactly-once runner writes in transactions under
 * ids that begin with its group id, and one is open almost all the time while records flow; so an
 * open transaction on an output topic under an id that does not begin with this pipeline's group
 * id is another pipeline writing there. An at-least-once writer has no transactions and is not seen.
 */
final class SharedOutputGuard {

    private static final long TIMEOUT_SECONDS = 30;

    private SharedOutputGuard() {}

    /**
     * The first foreign writer of the spec's outputs, as a sentence, or empty when there is none (or
     * the cluster does not let this client list transactions).
     */
    static Optional<String> foreignWriter(Admin admin, PipelineSpec spec, PipelineStartup.Report report) {
        String ownPrefix = spec.groupId() + "-";
        List<String> outputs = spec.topics().outputs();
        try {
            List<String> foreign = admin.listTransactions(new ListTransactionsOptions()
                            .filterStates(List.of(TransactionState.ONGOING)))
                    .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).stream()
                    .map(TransactionListing::transactionalId)
                    .filter(id -> !id.startsWith(ownPrefix))
                    .toList();
            if (foreign.isEmpty()) {
                return Optional.empty();
            }
            Map<String, TransactionDescription> described = admin.describeTransactions(foreign).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            for (Map.Entry<String, TransactionDescription> transaction : described.entrySet()) {
                Optional<String> topic = transaction.getValue().topicPartitions().stream()
                        .map(partition -> partition.topic()).filter(outputs::contains).findFirst();
                if (topic.isPresent() && transaction.getValue().state() == TransactionState.ONGOING) {
                    return Optional.of("another pipeline is writing " + topic.get() + ": transaction '"
                            + transaction.getKey() + "' is open on it, and its id is not this pipeline's (group "
                            + spec.groupId() + ")");
                }
            }
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            // e.g. no DESCRIBE on transactional ids: the pipeline can run, unchecked, said aloud
            report.warning("could not check whether another pipeline writes " + outputs + ": " + e.getCause());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
