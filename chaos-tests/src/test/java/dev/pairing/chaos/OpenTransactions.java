package dev.pairing.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.common.TopicPartition;

/**
 * The transactions still open on a pipeline's output partitions, for failure messages: a
 * read_committed reader stops at the first one, so "outputs incomplete" next to "producer 110 open
 * since offset 70" tells a stuck transaction from a slow engine at a glance.
 */
final class OpenTransactions {

    private OpenTransactions() {}

    static String describe(Properties client, Pipeline pipeline) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(pipeline.enriched(), pipeline.deadLetters(), pipeline.unpaired())) {
            for (int p = 0; p < Pipeline.PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
        }
        try (Admin admin = Admin.create(client)) {
            List<String> open = new ArrayList<>();
            admin.describeProducers(partitions).all().get(30, TimeUnit.SECONDS).forEach((partition, producers) -> {
                for (ProducerState producer : producers.activeProducers()) {
                    producer.currentTransactionStartOffset().ifPresent(start -> open.add(partition + ": producer "
                            + producer.producerId() + " epoch " + producer.producerEpoch() + " open since offset "
                            + start));
                }
            });
            return open.isEmpty() ? "no open transactions on the outputs" : "open transactions on the outputs " + open;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "open transactions unknown (interrupted)";
        } catch (Exception e) {
            return "open transactions unknown (" + e + ")";
        }
    }
}
