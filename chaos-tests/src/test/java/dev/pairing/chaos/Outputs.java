package dev.pairing.chaos;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import java.util.Properties;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Committed record counts of a pipeline's three output topics, read as they grow. */
final class Outputs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Outputs.class);

    private final Properties client;
    private final Pipeline pipeline;
    private final CommittedCount pairs;
    private final CommittedCount deadLetters;
    private final CommittedCount unpaired;

    Outputs(Properties client, Pipeline pipeline) {
        this.client = client;
        this.pipeline = pipeline;
        pairs = new CommittedCount(client, pipeline.enriched());
        deadLetters = new CommittedCount(client, pipeline.deadLetters());
        unpaired = new CommittedCount(client, pipeline.unpaired());
    }

    long pairs() {
        return pairs.now();
    }

    /**
     * Waits until every expected outcome is committed.
     *
     * @param failure says why waiting is pointless (e.g. the runner died), or null while all is well
     */
    void awaitComplete(Expected expected, Duration timeout, Supplier<String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long start = System.nanoTime();
        while (true) {
            long p = pairs.now();
            long d = deadLetters.now();
            long u = unpaired.now();
            if (p >= expected.pairs() && d >= expected.deadLetters() && u >= expected.unpaired()) {
                LOG.info("outputs complete after {} ms: {} pairs, {} dead letters, {} unpaired",
                        (System.nanoTime() - start) / 1_000_000, p, d, u);
                return;
            }
            String why = failure.get();
            if (why != null) {
                throw new AssertionError(why + " with " + p + " pairs, " + d + " dead letters, " + u
                        + " unpaired committed of " + expected + "; " + groupProgress() + "; "
                        + OpenTransactions.describe(client, pipeline));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("after " + timeout + " only " + p + " pairs, " + d + " dead letters, " + u
                        + " unpaired committed of " + expected + "; " + groupProgress() + "; "
                        + OpenTransactions.describe(client, pipeline));
            }
            pause();
        }
    }

    /** Where the runner's group stands in the raw topic, for failure messages. */
    private String groupProgress() {
        try (Admin admin = Admin.create(client)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(pipeline.group())
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < Pipeline.PARTITIONS; p++) {
                latest.put(new TopicPartition(pipeline.raw(), p), OffsetSpec.latest());
            }
            Map<Integer, String> positions = new TreeMap<>();
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((partition, end) -> {
                OffsetAndMetadata at = committed.get(partition);
                positions.put(partition.partition(), (at == null ? "-" : at.offset()) + "/" + end.offset());
            });
            return "group " + pipeline.group() + " committed/end offsets per raw partition " + positions;
        } catch (Exception e) {
            return "group " + pipeline.group() + " offsets unknown (" + e + ")";
        }
    }

    static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        pairs.close();
        deadLetters.close();
        unpaired.close();
    }
}
