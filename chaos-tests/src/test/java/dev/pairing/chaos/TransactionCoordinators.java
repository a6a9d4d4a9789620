package dev.pairing.chaos;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;

/** Which broker coordinates an application's transactions (its transactional ids start with its group). */
final class TransactionCoordinators {

    private TransactionCoordinators() {}

    /** The node id coordinating the first transactional id prefixed {@code group + "-"}. */
    static int of(Properties client, String group) {
        try (Admin admin = Admin.create(client)) {
            List<String> ids = admin.listTransactions().all().get(30, TimeUnit.SECONDS).stream()
                    .map(TransactionListing::transactionalId).filter(id -> id.startsWith(group + "-")).sorted()
                    .toList();
            if (ids.isEmpty()) {
                throw new AssertionError("no transactional id of " + group + " is known to the cluster yet");
            }
            return admin.describeTransactions(List.of(ids.get(0))).all().get(30, TimeUnit.SECONDS)
                    .get(ids.get(0)).coordinatorId();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot find the transaction coordinator of " + group, e);
        }
    }
}
