package dev.pairing.runtime.metrics;

import dev.pairing.core.matching.PendingStore;
import dev.pairing.core.matching.QueueSpan;
import dev.pairing.core.matching.SourceEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A pending store that keeps, beside the engine's store it passes every call to, how many numbers
 * each class holds and the record timestamp of its oldest: the {@link PipelineMetric#PENDING} and
 * {@link PipelineMetric#PENDING_OLDEST_AGE} gauges of the classes this task or subtask owns. The
 * matcher's decisions do not change: reads, writes, deletes and spans are the engine store's.
 *
 * <p>The count is the span the matcher saves. The oldest number is the span's head: when the head
 * moves past a pairing or an eviction, the new head is read once from the store and kept, and the
 * matcher's own next read of that head is served from what was kept, so a class's backlog costs no
 * state access beyond what matching does.
 *
 * <p>A store restored from a snapshot is gauged from the start only where the engine can list the
 * classes it holds ({@link #restored(Iterable)}: Kafka Streams' store loads them all); Flink's keyed
 * state cannot be listed from the function, so there a class is gauged again from its next event.
 *
 * <p>The gauges are read on the engine's reporting thread from fields the task thread publishes.
 * A class's series exists from the first time it holds a number in this task until the task gives
 * its state up ({@link #close()}); it reads 0 while the class holds nothing.
 */
public final class PendingTally implements PendingStore, AutoCloseable {

    private static final long NONE = Long.MIN_VALUE;

    private final PendingStore store;
    private final MetricBinding binding;
    private final LongSupplier clock;
    private final Map<Integer, ClassTally> classes = new HashMap<>();
    private final List<MetricBinding.Registration> registrations = new ArrayList<>();

    PendingTally(PendingStore store, MetricBinding binding, LongSupplier clock) {
        this.store = store;
        this.binding = binding;
        this.clock = clock;
    }

    /**
     * Takes in the classes a restored store already holds (the engine loaded them before the matcher
     * ran), so their gauges are right before their next event.
     *
     * @param classesWithPending the classes the store holds numbers for
     * @return this tally
     */
    public PendingTally restored(Iterable<Integer> classesWithPending) {
        for (int cls : classesWithPending) {
            QueueSpan span = store.span(cls);
            if (!span.isEmpty()) {
                ClassTally tally = tally(cls);
                tally.headEvent = store.read(cls, span.head());
                tally.head = span.head();
                tally.publish(span.size(), tally.headEvent.timestamp());
            }
        }
        return this;
    }

    @Override
    public QueueSpan span(int complementClass) {
        return store.span(complementClass);
    }

    @Override
    public void saveSpan(int complementClass, QueueSpan span) {
        store.saveSpan(complementClass, span);
        ClassTally tally = span.isEmpty() ? classes.get(complementClass) : tally(complementClass);
        if (tally == null) {
            return;
        }
        if (span.isEmpty()) {
            tally.head = NONE;
            tally.headEvent = null;
            tally.publish(0, NONE);
            return;
        }
        if (tally.head != span.head() || tally.headEvent == null) {
            tally.headEvent = store.read(complementClass, span.head());
            tally.head = span.head();
        }
        tally.publish(span.size(), tally.headEvent.timestamp());
    }

    @Override
    public SourceEvent read(int complementClass, long position) {
        ClassTally tally = classes.get(complementClass);
        if (tally != null && tally.head == position && tally.headEvent != null) {
            return tally.headEvent;
        }
        return store.read(complementClass, position);
    }

    @Override
    public void write(int complementClass, long position, SourceEvent event) {
        store.write(complementClass, position, event);
        ClassTally tally = tally(complementClass);
        if (tally.headEvent == null) {
            // written into an empty class: this number is the head the span about to be saved starts at
            tally.head = position;
            tally.headEvent = event;
        }
    }

    @Override
    public void delete(int complementClass, long position) {
        store.delete(complementClass, position);
        ClassTally tally = classes.get(complementClass);
        if (tally != null && tally.head == position) {
            tally.headEvent = null;
        }
    }

    /** Withdraws this task's gauges: its classes are another owner's now. */
    @Override
    public void close() {
        registrations.forEach(MetricBinding.Registration::close);
        registrations.clear();
    }

    private ClassTally tally(int complementClass) {
        ClassTally tally = classes.get(complementClass);
        if (tally == null) {
            tally = new ClassTally();
            classes.put(complementClass, tally);
            String label = Integer.toString(complementClass);
            ClassTally registered = tally;
            registrations.add(binding.gauge(PipelineMetric.PENDING, label, () -> registered.waiting));
            registrations.add(binding.gauge(PipelineMetric.PENDING_OLDEST_AGE, label, () -> registered.ageSeconds(clock)));
        }
        return tally;
    }

    /** One class: what the task thread knows, and what it publishes for the gauges. */
    private static final class ClassTally {
        /** The span's head position and the number there, as last saved or read; task thread only. */
        long head = NONE;
        SourceEvent headEvent;
        volatile long waiting;
        volatile long oldestTimestamp = NONE;

        void publish(long count, long oldest) {
            oldestTimestamp = oldest;
            waiting = count;
        }

        double ageSeconds(LongSupplier clock) {
            long oldest = oldestTimestamp;
            if (waiting == 0 || oldest == NONE) {
                return 0;
            }
            return Math.max(0, clock.getAsLong() - oldest) / 1000.0;
        }
    }
}
