package dev.pairing.testkit.store;

import dev.pairing.core.matching.PendingStore;
import dev.pairing.streams.matching.KeyValuePendingStore;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** The Streams runner's store on a Kafka Streams key-value store (in memory here, RocksDB in the runner). */
class KeyValuePendingStoreContractTest extends PendingStoreContract {

    @Override
    protected PendingStore newStore() {
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore("pending"), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingDisabled().build();
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
        return new KeyValuePendingStore(store);
    }
}
