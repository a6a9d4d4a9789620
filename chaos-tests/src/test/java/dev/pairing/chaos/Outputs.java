package dev.pairing.chaos;

import java.time.Duration;
import java.util.Properties;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Committed record counts of a pipeline's three output topics, read as they grow. */
final class Outputs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Outputs.class);

    private final CommittedCount pairs;
    private final CommittedCount deadLetters;
    private final CommittedCount unpaired;

    Outputs(Properties client, Pipeline pipeline) {
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
                        + " unpaired committed of " + expected);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("after " + timeout + " only " + p + " pairs, " + d + " dead letters, " + u
                        + " unpaired committed of " + expected);
            }
            pause();
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
