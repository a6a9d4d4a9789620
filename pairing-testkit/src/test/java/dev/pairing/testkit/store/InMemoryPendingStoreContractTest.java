package dev.pairing.testkit.store;

import dev.pairing.core.matching.InMemoryPendingStore;
import dev.pairing.core.matching.PendingStore;

class InMemoryPendingStoreContractTest extends PendingStoreContract {

    @Override
    protected PendingStore newStore() {
        return new InMemoryPendingStore();
    }
}
