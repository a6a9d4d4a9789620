package com.example.pairing;

import dev.pairing.core.matching.PendingStore;
import dev.pairing.testkit.store.PendingStoreContract;

class TablePendingStoreContractTest extends PendingStoreContract {

    @Override
    protected PendingStore newStore() {
        return new TablePendingStore();
    }
}
