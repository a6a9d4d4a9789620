package dev.pairing.flink.matching;

import dev.pairing.core.matching.PendingStore;
import dev.pairing.core.matching.QueueSpan;
import dev.pairing.core.matching.SourceEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The core's storage port on Flink keyed state, keyed by complement class: the class's span in a
 * {@link ValueState} and each waiting event in a {@link MapState} entry under its queue position.
 *
 * <p>What changed since the last checkpoint stays in memory: an event that waits a moment and
 * pairs within one checkpoint interval, as nearly all do, never reaches keyed state. Keyed state
 * was three to four calls per event before (read the span, read the head, write or delete the
 * event, rewrite the span), each a key-group lookup in the heap backend or a serialization in
 * RocksDB: 31% of the matching task's CPU. Now {@link #writeOut} brings keyed state up to date
 * before every snapshot (the job's {@code ComplementMatchOperator} calls it), so each checkpoint
 * and savepoint still holds every waiting number, restore and rescale stay what Flink makes them,
 * and the state's layout is the one written before. Between checkpoints a class writes out on its
 * own once it holds {@link #MAX_UNWRITTEN_PER_CLASS} changes, which bounds the memory this takes.
 *
 * <p>Every call must come with the class's key as Flink's current key: the keyed stream sets it
 * before the matcher runs, and {@link #writeOut} sets it per class. Keyed state is read lazily, a
 * class at its first call after a restore.
 */
public final class KeyedStatePendingStore implements PendingStore {

    /**
     * The layout of this state: the descriptors below, the serializers of their types, and the keys
     * the classes sit under. Raise it with any change that state written before cannot be read with.
     * Layout 1 kept the same state under the class numbers as keys; layout 2 under
     * {@code KeyGroupClassKeys}' keys.
     */
    public static final int LAYOUT = 2;

    /** The layout that had the class numbers themselves as keys. */
    public static final int CLASS_NUMBER_KEYS_LAYOUT = 1;

    /** Changes a class keeps in memory before it writes them to keyed state without waiting for a checkpoint. */
    static final int MAX_UNWRITTEN_PER_CLASS = 1_024;

    static final ValueStateDescriptor<QueueSpan> SPAN =
            new ValueStateDescriptor<>("pending-span", StateTypes.QUEUE_SPAN);
    static final MapStateDescriptor<Long, SourceEvent> EVENTS =
            new MapStateDescriptor<>("pending-events", Types.LONG, StateTypes.SOURCE_EVENT);

    /** Classes below this are found by index, the rest through a map. */
    private static final int INDEXED_CLASSES = 4_096;

    private final ValueState<QueueSpan> spans;
    private final MapState<Long, SourceEvent> events;
    private final BufferedClass[] indexed = new BufferedClass[INDEXED_CLASSES];
    private final Map<Integer, BufferedClass> others = new HashMap<>();
    private final List<BufferedClass> unwritten = new ArrayList<>();
    private final BufferedClass.Stored stored = new Stored();

    public KeyedStatePendingStore(RuntimeContext context) {
        this.spans = context.getState(SPAN);
        this.events = context.getMapState(EVENTS);
    }

    @Override
    public QueueSpan span(int complementClass) {
        return buffered(complementClass).span;
    }

    @Override
    public void saveSpan(int complementClass, QueueSpan newSpan) {
        BufferedClass buffered = buffered(complementClass);
        buffered.span = newSpan;
        list(buffered);
        if (buffered.unwritten() >= MAX_UNWRITTEN_PER_CLASS) {
            // the span is saved last, so the class is consistent here, and its key is the current one
            buffered.writeOut(stored);
        }
    }

    @Override
    public SourceEvent read(int complementClass, long position) {
        SourceEvent event = buffered(complementClass).read(position, stored);
        if (event == null) {
            throw new IllegalStateException("nothing pending at class " + complementClass + " position " + position);
        }
        return event;
    }

    @Override
    public void write(int complementClass, long position, SourceEvent event) {
        BufferedClass buffered = buffered(complementClass);
        buffered.append(position, event);
        list(buffered);
    }

    @Override
    public void delete(int complementClass, long position) {
        BufferedClass buffered = buffered(complementClass);
        buffered.removeHead(position);
        list(buffered);
    }

    /**
     * Writes every change since the last write-out to keyed state, so that a snapshot taken now
     * holds every waiting number.
     *
     * @param makeCurrent makes a class's key Flink's current key; called before each class's writes
     */
    public void writeOut(IntConsumer makeCurrent) {
        for (BufferedClass buffered : unwritten) {
            makeCurrent.accept(buffered.complementClass);
            buffered.writeOut(stored);
            buffered.listed = false;
            if (buffered.span.isEmpty()) {
                forget(buffered.complementClass); // a drained class leaves nothing behind, in memory either
            }
        }
        unwritten.clear();
    }

    /**
     * Whether a class was called since the last {@link #writeOut}, so memory may hold changes keyed
     * state does not have.
     *
     * @return true until the next {@link #writeOut}
     */
    public boolean hasUnwritten() {
        return !unwritten.isEmpty();
    }

    private void list(BufferedClass buffered) {
        if (!buffered.listed) {
            buffered.listed = true;
            unwritten.add(buffered);
        }
    }

    /** The class as memory holds it, read from keyed state (under the current key) at its first call. */
    private BufferedClass buffered(int complementClass) {
        BufferedClass buffered = complementClass < INDEXED_CLASSES ? indexed[complementClass] : others.get(complementClass);
        if (buffered == null) {
            QueueSpan span = io(spans::value);
            buffered = new BufferedClass(complementClass, span == null ? QueueSpan.EMPTY : span);
            if (complementClass < INDEXED_CLASSES) {
                indexed[complementClass] = buffered;
            } else {
                others.put(complementClass, buffered);
            }
        }
        return buffered;
    }

    private void forget(int complementClass) {
        if (complementClass < INDEXED_CLASSES) {
            indexed[complementClass] = null;
        } else {
            others.remove(complementClass);
        }
    }

    /** Keyed state under the current key. */
    private final class Stored implements BufferedClass.Stored {

        @Override
        public SourceEvent read(long position) {
            return io(() -> events.get(position));
        }

        @Override
        public void remove(long position) {
            io(() -> {
                events.remove(position);
                return null;
            });
        }

        @Override
        public void write(long position, SourceEvent event) {
            io(() -> {
                events.put(position, event);
                return null;
            });
        }

        @Override
        public void saveSpan(QueueSpan span) {
            io(() -> {
                if (span.isEmpty()) {
                    spans.clear(); // a drained class leaves no state behind
                } else {
                    spans.update(span);
                }
                return null;
            });
        }
    }

    /** Flink's state interfaces declare checked exceptions; the port does not. */
    private interface StateCall<T> {
        T call() throws Exception;
    }

    private static <T> T io(StateCall<T> call) {
        try {
            return call.call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("keyed state access failed", e);
        }
    }
}
