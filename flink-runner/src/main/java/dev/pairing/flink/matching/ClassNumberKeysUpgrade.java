package dev.pairing.flink.matching;

import dev.pairing.core.matching.QueueSpan;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.flink.classify.KeyGroupClassKeys;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.InternalTimerService;

/**
 * Moves pending state of {@link KeyedStatePendingStore#CLASS_NUMBER_KEYS_LAYOUT}, which kept each
 * class under its number as the key, to the class's key of {@link KeyGroupClassKeys}: span, events, and the
 * expiry timer with its record. Read under the new keys without this, that state would look empty
 * and its numbers would never pair.
 *
 * <p>A class's new key may lie in another subtask's key groups, and one subtask cannot write into
 * another's. At parallelism 1 the one subtask holds every key group, so it moves everything; at a
 * higher parallelism a subtask that holds such state refuses it and says to restore it once at
 * parallelism 1. It copies a class in chunks, so the heap never holds more than a chunk at once.
 */
final class ClassNumberKeysUpgrade {

    private static final int CHUNK = 4_096;

    private final KeyedStateBackend<Integer> backend;
    private final InternalTimerService<VoidNamespace> timers;
    private final KeyGroupClassKeys keys;
    private final int parallelism;

    ClassNumberKeysUpgrade(KeyedStateBackend<Integer> backend, InternalTimerService<VoidNamespace> timers,
            KeyGroupClassKeys keys, int parallelism) {
        this.backend = backend;
        this.timers = timers;
        this.keys = keys;
        this.parallelism = parallelism;
    }

    /** Moves every class this subtask holds under its number, or fails the job for good saying why. */
    void run() throws Exception {
        List<Integer> classNumbers;
        try (Stream<Integer> held = backend.getKeys(KeyedStatePendingStore.SPAN.getName(), VoidNamespace.INSTANCE)) {
            classNumbers = held.sorted().collect(Collectors.toCollection(ArrayList::new));
        }
        if (classNumbers.isEmpty()) {
            return;
        }
        if (parallelism > 1) {
            throw refusal("the checkpoint or savepoint keeps pending numbers of classes " + classNumbers
                    + " under the class numbers as keys (state layout " + KeyedStatePendingStore.CLASS_NUMBER_KEYS_LAYOUT
                    + "), but this version keys each class so that classes spread evenly over subtasks (layout "
                    + KeyedStatePendingStore.LAYOUT + "), and only a single subtask can move the state to the new keys."
                    + " Restore it once at parallelism 1 (flink run -p 1 -s <this path> ...), which moves it, take a"
                    + " savepoint of that job, and rescale from the new savepoint");
        }
        Set<Integer> held = new HashSet<>(classNumbers);
        for (int key : classNumbers) {
            if (key < 0 || key >= keys.classCount()) {
                throw refusal("keyed state of the matcher sits under key " + key + ", which is no class number at"
                        + " this pairSum (classes 0.." + (keys.classCount() - 1) + "): the state was not written by"
                        + " this pipeline");
            }
            int newKey = keys.keyOf(key);
            if (newKey != key && held.contains(newKey)) {
                throw refusal("class " + key + "'s new key " + newKey + " is also the number of a class with pending"
                        + " state, so moving it would overwrite that class");
            }
        }
        ValueState<QueueSpan> spans = state(KeyedStatePendingStore.SPAN);
        MapState<Long, SourceEvent> events = backend.getPartitionedState(VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE, KeyedStatePendingStore.EVENTS);
        ValueState<Long> expiry = state(ComplementMatchFunction.EXPIRY_TIMER);
        for (int complementClass : classNumbers) {
            int newKey = keys.keyOf(complementClass);
            if (newKey == complementClass) {
                continue;
            }
            backend.setCurrentKey(complementClass);
            QueueSpan span = spans.value();
            Long timer = expiry.value();
            for (long from = span.head(); from < span.tail(); from += CHUNK) {
                long to = Math.min(span.tail(), from + CHUNK);
                backend.setCurrentKey(complementClass);
                List<SourceEvent> chunk = new ArrayList<>((int) (to - from));
                for (long position = from; position < to; position++) {
                    SourceEvent event = events.get(position);
                    if (event == null) {
                        throw refusal("class " + complementClass + " has nothing at position " + position + " inside its"
                                + " span " + span + ": the state is corrupt");
                    }
                    chunk.add(event);
                    events.remove(position);
                }
                backend.setCurrentKey(newKey);
                for (long position = from; position < to; position++) {
                    events.put(position, chunk.get((int) (position - from)));
                }
            }
            backend.setCurrentKey(complementClass);
            spans.clear();
            if (timer != null) {
                timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, timer);
                expiry.clear();
            }
            backend.setCurrentKey(newKey);
            spans.update(span);
            if (timer != null) {
                timers.registerEventTimeTimer(VoidNamespace.INSTANCE, timer);
                expiry.update(timer);
            }
        }
    }

    private <T> ValueState<T> state(ValueStateDescriptor<T> descriptor)
            throws Exception {
        return backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor);
    }

    private static SuppressRestartsException refusal(String why) {
        return new SuppressRestartsException(new IllegalStateException(why));
    }
}
