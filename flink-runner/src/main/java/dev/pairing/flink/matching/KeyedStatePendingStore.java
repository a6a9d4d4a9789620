package dev.pairing.flink.matching;

import dev.pairing.core.matching.PendingStore;
import dev.pairing.core.matching.QueueSpan;
import dev.pairing.core.matching.SourceEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The core's storage port on Flink keyed state, keyed by complement class: the class's span in a
 * {@link ValueState} and each waiting event in a {@link MapState} entry under its queue position.
 * Every call touches one entry, so an event costs O(1) state operations whatever the backlog, on
 * the heap and on RocksDB alike; nothing is rewritten per event.
 *
 * <p>Keyed state is already scoped to the current key, which is the class: the class argument the
 * matcher passes is that key, so it is not stored again.
 */
public final class KeyedStatePendingStore implements PendingStore {

    /**
     * The layout of this state: the descriptors below and the serializers of their types. Raise it
     * with any change that state written before cannot be read with.
     */
    public static final int LAYOUT = 1;

    static final ValueStateDescriptor<QueueSpan> SPAN =
            new ValueStateDescriptor<>("pending-span", StateTypes.QUEUE_SPAN);
    static final MapStateDescriptor<Long, SourceEvent> EVENTS =
            new MapStateDescriptor<>("pending-events", Types.LONG, StateTypes.SOURCE_EVENT);

    private final ValueState<QueueSpan> span;
    private final MapState<Long, SourceEvent> events;

    public KeyedStatePendingStore(RuntimeContext context) {
        this.span = context.getState(SPAN);
        this.events = context.getMapState(EVENTS);
    }

    @Override
    public QueueSpan span(int complementClass) {
        QueueSpan current = io(span::value);
        return current == null ? QueueSpan.EMPTY : current;
    }

    @Override
    public void saveSpan(int complementClass, QueueSpan newSpan) {
        if (newSpan.isEmpty()) {
            span.clear(); // a drained class leaves no state behind
        } else {
            io(() -> {
                span.update(newSpan);
                return null;
            });
        }
    }

    @Override
    public SourceEvent read(int complementClass, long position) {
        SourceEvent event = io(() -> events.get(position));
        if (event == null) {
            throw new IllegalStateException("nothing pending at class " + complementClass + " position " + position);
        }
        return event;
    }

    @Override
    public void write(int complementClass, long position, SourceEvent event) {
        io(() -> {
            events.put(position, event);
            return null;
        });
    }

    @Override
    public void delete(int complementClass, long position) {
        io(() -> {
            events.remove(position);
            return null;
        });
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
