package dev.pairing.chaos;

import dev.pairing.launcher.process.Poll;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
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
        long start = System.nanoTime();
        boolean complete = Poll.until(timeout, Duration.ofMillis(500), () -> {
            if (pairs.now() >= expected.pairs() && deadLetters.now() >= expected.deadLetters()
                    && unpaired.now() >= expected.unpaired()) {
                return true;
            }
            String why = failure.get();
            if (why != null) {
                throw new AssertionError(why + " with " + committed(expected));
            }
            return false;
        });
        if (!complete) {
            throw new AssertionError("after " + timeout + " only " + committed(expected));
        }
        LOG.info("outputs complete after {} ms: {} pairs, {} dead letters, {} unpaired",
                (System.nanoTime() - start) / 1_000_000, pairs.now(), deadLetters.now(), unpaired.now());
    }

    private String committed(Expected expected) {
        return pairs.now() + " pairs, " + deadLetters.now() + " dead letters, " + unpaired.now()
                + " unpaired committed of " + expected + "; " + groupProgress() + "; "
                + OpenTransactions.describe(client, pipeline);
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

    @Override
    public void close() {
        pairs.close();
        deadLetters.close();
        unpaired.close();
    }
}
