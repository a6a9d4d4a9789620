package dev.pairing.streams.recovery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.kafka.common.errors.InvalidPidMappingException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * What to do when a stream thread dies: replace it when the cause is a transaction the broker has
 * already decided, stop the application otherwise.
 *
 * <p>Under exactly-once a stream thread's output, changelog writes and input offsets commit in one
 * transaction, so a thread that dies mid-transaction loses nothing and doubles nothing: the
 * transaction is aborted (or was already decided by the coordinator), and a replacement thread
 * starts from the committed offsets and the committed changelog. Replacing is therefore always
 * safe; it is only useless for causes that will come back at once (a refused login, a missing
 * ACL, a bug), which stop the application so a supervisor and a human see them.
 *
 * <p>The replaceable causes are the transaction-state errors a broker failover produces. A Kafka
 * 4.3.1 (or older) coordinator, after aborting a transaction that outlived
 * {@code transaction.timeout.ms} (a broker outage, a partition or a frozen process can make it),
 * answers the producer's commit with {@code INVALID_TXN_STATE} where it should say "fenced"
 * (KAFKA-20785): the client treats that as fatal and the thread dies although the abort already
 * happened. 4.3.2 brokers answer "fenced", which Kafka Streams handles by rejoining the group
 * ({@code CoordinatorAbortIT} pins that); the entry stays for clusters still on older brokers, since
 * the fix is the broker's, not the client's. Fencing and producer-id errors that escape Kafka
 * Streams' own task-migration handling, and timeouts past {@code task.timeout.ms} while brokers are
 * unreachable, are treated the same way.
 *
 * <p>At most {@code maxReplacements} replacements within {@code window}: past that the cause is not
 * transient and the application stops.
 */
public final class StreamThreadFailurePolicy {

    private static final List<Class<? extends Throwable>> DECIDED_BY_THE_BROKER = List.of(
            InvalidTxnStateException.class,
            ProducerFencedException.class,
            InvalidProducerEpochException.class,
            InvalidPidMappingException.class,
            UnknownProducerIdException.class,
            TimeoutException.class);

    private final int maxReplacements;
    private final Duration window;
    private final Clock clock;
    private final Deque<Long> replacements = new ArrayDeque<>();

    public StreamThreadFailurePolicy(int maxReplacements, Duration window, Clock clock) {
        if (maxReplacements < 0) {
            throw new IllegalArgumentException("maxReplacements must not be negative, got " + maxReplacements);
        }
        this.maxReplacements = maxReplacements;
        this.window = window;
        this.clock = clock;
    }

    /** Five replacements within ten minutes, on the system clock. */
    public static StreamThreadFailurePolicy standard() {
        return new StreamThreadFailurePolicy(5, Duration.ofMinutes(10), Clock.systemUTC());
    }

    /** The response to a thread that died of {@code failure}, counting it against the window. */
    public synchronized StreamThreadExceptionResponse decide(Throwable failure) {
        if (transientCause(failure) == null) {
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        long now = clock.millis();
        while (!replacements.isEmpty() && replacements.peekFirst() <= now - window.toMillis()) {
            replacements.removeFirst();
        }
        if (replacements.size() >= maxReplacements) {
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        replacements.addLast(now);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** The cause in {@code failure}'s chain that a new thread recovers from, or null. */
    public static Throwable transientCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            for (Class<? extends Throwable> type : DECIDED_BY_THE_BROKER) {
                if (type.isInstance(cause)) {
                    return cause;
                }
            }
        }
        return null;
    }
}
