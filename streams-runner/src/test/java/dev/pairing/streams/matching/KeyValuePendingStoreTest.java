package dev.pairing.streams.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class KeyValuePendingStoreTest {

    private final KeyValueStore<Bytes, byte[]> store = newStore();

    @Test
    void aStoreOpenedAgainHoldsTheSameSpansAndEvents() {
        KeyValuePendingStore before = new KeyValuePendingStore(store);
        ComplementMatcher matcher = new ComplementMatcher(new PairingRules(12), PendingLimits.DEFAULT, before);
        Random random = new Random(7);
        List<Object> decisions = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            matcher.onEvent(new SourceEvent(random.nextInt(13), 0, i, i, i % 3 == 0 ? null : (long) i), recorder(decisions));
        }

        KeyValuePendingStore after = new KeyValuePendingStore(store);
        assertThat(after.classesWithPending()).isEqualTo(before.classesWithPending()).isNotEmpty();
        for (int cls = 0; cls <= 6; cls++) {
            QueueSpan span = before.span(cls);
            assertThat(after.span(cls)).as("class %d", cls).isEqualTo(span);
            for (long p = span.head(); p < span.tail(); p++) {
                assertThat(after.read(cls, p)).isEqualTo(before.read(cls, p));
            }
        }
    }

    @Test
    void eachEventCostsTheKeyValueStoreOneWriteAndNoRead() {
        List<String> calls = new ArrayList<>();
        KeyValuePendingStore pending = new KeyValuePendingStore(recording(store, calls));
        calls.clear(); // loading scans once
        ComplementMatcher matcher = new ComplementMatcher(new PairingRules(12), PendingLimits.DEFAULT, pending);
        List<Object> decisions = new ArrayList<>();
        for (long v : new long[] {5, 5, 7, 3, 9, 7, 6, 6}) {
            matcher.onEvent(new SourceEvent(v, 0, v, v, null), recorder(decisions));
        }
        assertThat(decisions).hasSize(4);
        assertThat(calls).hasSize(8).containsOnly("put");
    }

    @Test
    void aClassWithAGapInItsPositionsIsCorruptState() {
        SourceEventSerde serde = new SourceEventSerde();
        store.put(PendingKeys.event(5, 10), serde.toBytes(new SourceEvent(5, 0, 1, 1, null)));
        store.put(PendingKeys.event(5, 12), serde.toBytes(new SourceEvent(5, 0, 2, 2, null)));

        assertThatThrownBy(() -> new KeyValuePendingStore(store)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("class 5 has no event at position 11 but one at 12");
    }

    private static MatchListener recorder(List<Object> decisions) {
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
    private static KeyValueStore<Bytes, byte[]> recording(KeyValueStore<Bytes, byte[]> store, List<String> calls) {
        return (KeyValueStore<Bytes, byte[]>) Proxy.newProxyInstance(KeyValueStore.class.getClassLoader(),
                new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
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
