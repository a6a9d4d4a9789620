package com.example.pairing;

import dev.pairing.core.matching.PendingStore;
import dev.pairing.core.matching.QueueSpan;
import dev.pairing.core.matching.SourceEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * A service's own storage for the matcher: two tables, one row per class span and one per waiting
 * event, as a service would keep them in its database. Written against PendingStore's contract and
 * checked by pairing-testkit's PendingStoreContract.
 */
public final class TablePendingStore implements PendingStore {

    private record Slot(int complementClass, long position) {}

    private final Map<Integer, QueueSpan> spans = new HashMap<>();
    private final Map<Slot, SourceEvent> events = new HashMap<>();

    @Override
    public QueueSpan span(int complementClass) {
        return spans.getOrDefault(complementClass, QueueSpan.EMPTY);
    }

    @Override
    public void saveSpan(int complementClass, QueueSpan span) {
        if (span.isEmpty()) {
            spans.remove(complementClass); // a drained class leaves no row behind
        } else {
            spans.put(complementClass, span);
        }
    }

    @Override
    public SourceEvent read(int complementClass, long position) {
        SourceEvent event = events.get(new Slot(complementClass, position));
        if (event == null) {
            throw new IllegalStateException("no event at class " + complementClass + " position " + position);
        }
        return event;
    }

    @Override
    public void write(int complementClass, long position, SourceEvent event) {
        events.put(new Slot(complementClass, position), event);
    }

    @Override
    public void delete(int complementClass, long position) {
        events.remove(new Slot(complementClass, position));
    }

    /** Rows held, both tables: zero once every class has drained. */
    public int rows() {
        return spans.size() + events.size();
    }
}
