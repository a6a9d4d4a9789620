package dev.pairing.flink.matching;

import dev.pairing.core.matching.PendingStore;
import dev.pairing.core.matching.QueueSpan;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.testkit.store.PendingStoreContract;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterEach;

/**
 * The Flink job's store on real keyed state (a keyed operator in Flink's test harness). The job
 * calls it with the class as the current key, so each call here first makes the class the key.
 */
class KeyedStatePendingStoreContractTest extends PendingStoreContract {

    private KeyedOneInputStreamOperatorTestHarness<Integer, Integer, Integer> harness;

    /** One store at a time: the contract's tests are done with a store when they ask for the next. */
    @Override
    protected PendingStore newStore() {
        closeHarness();
        StoreOpener opener = new StoreOpener();
        KeyedProcessOperator<Integer, Integer, Integer> operator = new KeyedProcessOperator<>(opener);
        try {
            harness = new KeyedOneInputStreamOperatorTestHarness<>(operator, value -> value, Types.INT);
            harness.open();
        } catch (Exception e) {
            throw new IllegalStateException("the test harness did not open", e);
        }
        return new KeyedByClass(operator, opener.store);
    }

    @AfterEach
    void closeHarness() {
        if (harness != null) {
            try {
                harness.close();
            } catch (Exception e) {
                throw new IllegalStateException("the test harness did not close", e);
            }
            harness = null;
        }
    }

    /** Opens the store on the operator's keyed state, as ComplementMatchFunction does. */
    private static final class StoreOpener extends KeyedProcessFunction<Integer, Integer, Integer> {
        KeyedStatePendingStore store;

        @Override
        public void open(OpenContext openContext) {
            store = new KeyedStatePendingStore(getRuntimeContext());
        }

        @Override
        public void processElement(Integer value, Context ctx, Collector<Integer> out) {}
    }

    /** Sets the class as the current key, as the keyed stream does before the matcher runs. */
    private record KeyedByClass(KeyedProcessOperator<Integer, Integer, Integer> operator, KeyedStatePendingStore store)
            implements PendingStore {

        @Override
        public QueueSpan span(int complementClass) {
            operator.setCurrentKey(complementClass);
            return store.span(complementClass);
        }

        @Override
        public void saveSpan(int complementClass, QueueSpan span) {
            operator.setCurrentKey(complementClass);
            store.saveSpan(complementClass, span);
        }

        @Override
        public SourceEvent read(int complementClass, long position) {
            operator.setCurrentKey(complementClass);
            return store.read(complementClass, position);
        }

        @Override
        public void write(int complementClass, long position, SourceEvent event) {
            operator.setCurrentKey(complementClass);
            store.write(complementClass, position, event);
        }

        @Override
        public void delete(int complementClass, long position) {
            operator.setCurrentKey(complementClass);
            store.delete(complementClass, position);
        }
    }
}
