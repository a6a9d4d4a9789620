package dev.pairing.core.matching;

import java.util.HashMap;
import java.util.Map;

/**
 * The port the way the engines implement it: a flat key-value map with one key per (class,
 * position) and one per class span, nothing else. Property tests check it decides exactly like
 * {@link InMemoryPendingStore}.
 */
final class KeyValuePendingStore implements PendingStore {

    private record Slot(int complementClass, long position) {}

    private final Map<Integer, QueueSpan> spans = new HashMap<>();
    private final Map<Slot, SourceEvent> events = new HashMap<>();
    int operations;

    @Override
    public QueueSpan span(int complementClass) {
        operations++;
        return spans.getOrDefault(complementClass, QueueSpan.EMPTY);
    }

    @Override
    public void saveSpan(int complementClass, QueueSpan span) {
        operations++;
        if (span.isEmpty()) {
            spans.remove(complementClass);
        } else {
            spans.put(complementClass, span);
        }
    }

    @Override
    public SourceEvent read(int complementClass, long position) {
        operations++;
        SourceEvent event = events.get(new Slot(complementClass, position));
        if (event == null) {
            throw new IllegalStateException("nothing at " + complementClass + "/" + position);
        }
        return event;
    }

    @Override
    public void write(int complementClass, long position, SourceEvent event) {
        operations++;
        if (events.putIfAbsent(new Slot(complementClass, position), event) != null) {
            throw new IllegalStateException("overwrote " + complementClass + "/" + position);
        }
    }

    @Override
    public void delete(int complementClass, long position) {
        operations++;
        if (events.remove(new Slot(complementClass, position)) == null) {
            throw new IllegalStateException("deleted nothing at " + complementClass + "/" + position);
        }
    }

    boolean isEmpty() {
        return spans.isEmpty() && events.isEmpty();
    }

    int entries() {
        return events.size();
    }
}
