package dev.pairing.streams.matching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.ComplementMatcher;
import dev.pairing.core.matching.MatchListener;
import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.core.matching.QueueSpan;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.matching.Unpaired;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class KeyValuePendingStoreTest {

    private static final int CHUNK = PendingChunk.EVENTS;

    private final KeyValueStore<Bytes, byte[]> store = newStore();
    private final List<Object> decisions = new ArrayList<>();

    @Test
    void aStoreOpenedAgainHoldsTheSameWaitingEventsInTheSameOrder() {
        KeyValuePendingStore before = new KeyValuePendingStore(store);
        ComplementMatcher matcher = matcher(12, before);
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            matcher.onEvent(new SourceEvent(random.nextInt(13), 0, i, i, i % 3 == 0 ? null : (long) i), recorder());
        }

        KeyValuePendingStore after = new KeyValuePendingStore(store);
        assertThat(after.classesWithState()).containsExactly(0, 1, 2, 3, 4, 5, 6);
        long waiting = 0;
        for (int cls = 0; cls <= 6; cls++) {
            assertThat(waiting(after, cls)).as("class %d", cls).isEqualTo(waiting(before, cls));
            waiting += before.span(cls).size();
        }
        assertThat(waiting).as("numbers wait in several classes").isGreaterThan(CHUNK);
    }

    @Test
    void anEventCostsOneStoreWriteAndNoReadOnceItsClassIsRead() {
        List<String> calls = new ArrayList<>();
        ComplementMatcher matcher = matcher(12, new KeyValuePendingStore(recording(store, calls, null)));
        matcher.onEvent(event(5, 0), recorder()); // reads class 5 from the store
        calls.clear();

        int events = 10_000;
        for (int i = 1; i <= events; i++) {
            matcher.onEvent(event(i % 2 == 0 ? 5 : 7, i), recorder());
        }

        assertThat(decisions).hasSize(events / 2);
        assertThat(calls).as("no reads").containsOnly("put");
        // a chunk a number waits in, or the head key a pair moves; and a class that drains at a full
        // chunk's end writes that chunk again from its start, which moves the head back once per chunk
        assertThat(calls).hasSizeBetween(events, events + events / CHUNK);
    }

    @Test
    void aDeepQueueWritesAKeyPer32WaitingNumbersAndReadsOnePer32Pairs() {
        List<String> calls = new ArrayList<>();
        Set<Bytes> written = new HashSet<>();
        ComplementMatcher matcher = matcher(12, new KeyValuePendingStore(recording(store, calls, written)));
        int depth = 10_000;
        for (int i = 0; i < depth; i++) {
            matcher.onEvent(event(5, i), recorder());
        }
        int keysWhileFilling = written.size();
        calls.clear();
        for (int i = 0; i < depth; i++) {
            matcher.onEvent(event(7, depth + i), recorder());
        }

        assertThat(decisions).hasSize(depth);
        assertThat(keysWhileFilling).as("chunks and the head key").isEqualTo(depth / CHUNK + 2);
        assertThat(calls.stream().filter("get"::equals).count()).as("a chunk read as the head reaches it")
                .isEqualTo(depth / CHUNK - 1);
        assertThat(calls.stream().filter("put"::equals).count()).as("the head key per pair, a delete per chunk left")
                .isEqualTo(depth + depth / CHUNK);
        assertThat(keys()).as("a drained class keeps its head key and last chunk").hasSize(2);
    }

    /**
     * Under at-least-once a crash in the middle of a commit can leave a chunk out of the changelog
     * while the head key and the chunks around it made it in: the numbers that are there continue, in order.
     */
    @Test
    void positionsThatHoldNothingAreSkipped() {
        ComplementMatcher matcher = matcher(12, new KeyValuePendingStore(store));
        for (int i = 0; i < 100; i++) {
            matcher.onEvent(event(5, i), recorder());
        }
        store.delete(PendingKeys.chunk(5, 1));

        KeyValuePendingStore reopened = new KeyValuePendingStore(store);
        assertThat(offsets(waiting(reopened, 5))).isEqualTo(range(0, 32, 64, 100));
        ComplementMatcher after = matcher(12, reopened);
        for (int i = 0; i < 68; i++) {
            after.onEvent(event(7, 1_000 + i), recorder());
        }
        assertThat(decisions).extracting(d -> ((Pair) d).first().offset()).isEqualTo(range(0, 32, 64, 100));
        assertThat(reopened.span(5)).isEqualTo(QueueSpan.EMPTY);
    }

    @Test
    void aHeadKeyPointingIntoADeletedChunkStartsAtTheNextChunk() {
        ComplementMatcher matcher = matcher(12, new KeyValuePendingStore(store));
        for (int i = 0; i < 100; i++) {
            matcher.onEvent(event(5, i), recorder());
        }
        for (int i = 0; i < 40; i++) {
            matcher.onEvent(event(7, 100 + i), recorder());
        }
        // the changelog got chunk 0's delete (when the head left it, at 32), not the head key's moves after 10
        store.put(PendingKeys.head(5), java.nio.ByteBuffer.allocate(16).putLong(10).putLong(0).array());

        // 32 to 39 paired after the head key's last write that arrived: under at-least-once they count again
        assertThat(offsets(waiting(new KeyValuePendingStore(store), 5))).isEqualTo(range(32, 100, 0, 0));
    }

    @Test
    void chunksWithoutAHeadKeyHoldNothingAndAreDeleted() {
        ComplementMatcher matcher = matcher(12, new KeyValuePendingStore(store));
        for (int i = 0; i < 40; i++) {
            matcher.onEvent(event(5, i), recorder());
        }
        store.delete(PendingKeys.head(5)); // the changelog got the chunks, not the head key written after them

        KeyValuePendingStore reopened = new KeyValuePendingStore(store);
        assertThat(reopened.span(5)).isEqualTo(QueueSpan.EMPTY);
        assertThat(keys()).as("reading writes nothing").hasSize(2);
        matcher(12, reopened).onEvent(event(5, 99), recorder());
        assertThat(offsets(waiting(new KeyValuePendingStore(store), 5))).containsExactly(99L);
        assertThat(keys()).as("the stale chunks went with the next write").containsExactlyInAnyOrder(
                PendingKeys.head(5), PendingKeys.chunk(5, 0));
    }

    @Test
    void eventsOfLayout2AreReadInPlaceGapsSkippedAndNewOnesFollowInChunks() {
        SourceEventSerde serde = new SourceEventSerde();
        for (long position : new long[] {10, 11, 12, 14}) {
            store.put(PendingKeys.legacyEvent(5, position), serde.toBytes(event(5, position)));
        }
        store.put(PendingKeys.legacyEvent(3, 0), serde.toBytes(event(3, 500)));
        KeyValuePendingStore pending = new KeyValuePendingStore(store);
        assertThat(KeyValuePendingStore.holdsLegacyEvents(store)).isTrue();
        pending.adoptLegacyClasses();
        assertThat(pending.classesWithState()).containsExactly(3, 5);

        ComplementMatcher matcher = matcher(12, pending);
        matcher.onEvent(event(5, 100), recorder());
        matcher.onEvent(event(7, 101), recorder());
        assertThat(offsets(waiting(new KeyValuePendingStore(store), 5))).containsExactly(11L, 12L, 14L, 100L);
        for (int i = 0; i < 4; i++) {
            matcher.onEvent(event(7, 102 + i), recorder());
        }
        assertThat(decisions).extracting(d -> ((Pair) d).first().offset()).containsExactly(10L, 11L, 12L, 14L, 100L);
        assertThat(keys()).as("class 5's layout-2 keys are gone").noneMatch(k -> k.get()[0] == 'E' && k.get()[4] == 5);
    }

    @Test
    void classesPastTheResidentOnesLeaveTheHeapAndReadBackFromTheStore() {
        int pairSum = 2 * (KeyValuePendingStore.RESIDENT_CLASSES + 3 * KeyValuePendingStore.CACHED_CLASSES);
        KeyValuePendingStore pending = new KeyValuePendingStore(store);
        ComplementMatcher matcher = matcher(pairSum, pending);
        int first = KeyValuePendingStore.RESIDENT_CLASSES;
        int last = pairSum / 2;
        for (int cls = first; cls <= last; cls++) {
            matcher.onEvent(event(cls, cls), recorder()); // each waits
        }
        for (int cls = first; cls <= last; cls += 2) {
            matcher.onEvent(event(pairSum - cls, -cls), recorder()); // every other pairs, and drains its class
        }

        assertThat(decisions).hasSize((last - first) / 2 + 1);
        for (int cls = first; cls <= last; cls++) {
            boolean paired = (cls - first) % 2 == 0;
            assertThat(pending.span(cls).size()).as("class %d", cls).isEqualTo(paired ? 0 : 1);
        }
        assertThat(keys().stream().filter(k -> k.get()[0] == 'H').count())
                .as("drained classes that left the heap left no keys: fewer than one head key per class")
                .isLessThan(last - first + 1);
    }

    private ComplementMatcher matcher(int pairSum, KeyValuePendingStore pending) {
        return new ComplementMatcher(new PairingRules(pairSum), PendingLimits.DEFAULT, pending);
    }

    private static SourceEvent event(long value, long offset) {
        return new SourceEvent(value, 0, offset, 1_000 + offset, offset);
    }

    private static List<SourceEvent> waiting(KeyValuePendingStore pending, int cls) {
        QueueSpan span = pending.span(cls);
        List<SourceEvent> events = new ArrayList<>();
        for (long p = span.head(); p < span.tail(); p++) {
            events.add(pending.read(cls, p));
        }
        return events;
    }

    private static List<Long> offsets(List<SourceEvent> events) {
        return events.stream().map(SourceEvent::offset).toList();
    }

    /** Offsets {@code from..to-1} then {@code from2..to2-1}. */
    private static List<Long> range(long from, long to, long from2, long to2) {
        List<Long> offsets = new ArrayList<>();
        for (long o = from; o < to; o++) {
            offsets.add(o);
        }
        for (long o = from2; o < to2; o++) {
            offsets.add(o);
        }
        return offsets;
    }

    private List<Bytes> keys() {
        List<Bytes> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<Bytes, byte[]> entry = all.next();
                keys.add(entry.key);
            }
        }
        return keys;
    }

    private MatchListener recorder() {
        return new MatchListener() {
            @Override
            public void onPair(Pair pair) {
                decisions.add(pair);
            }

            @Override
            public void onUnpaired(Unpaired unpaired) {
                decisions.add(unpaired);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static KeyValueStore<Bytes, byte[]> recording(KeyValueStore<Bytes, byte[]> store, List<String> calls,
            Set<Bytes> written) {
        return (KeyValueStore<Bytes, byte[]>) Proxy.newProxyInstance(KeyValueStore.class.getClassLoader(),
                new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    if (written != null && method.getName().equals("put")) {
                        written.add((Bytes) args[0]);
                    }
                    return method.invoke(store, args);
                });
    }

    private static KeyValueStore<Bytes, byte[]> newStore() {
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore("pending"), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }
}
