package dev.pairing.flink.matching;

import dev.pairing.core.matching.PendingStore;
import dev.pairing.core.matching.QueueSpan;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.testkit.store.PendingStoreContract;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/**
 * The Flink job's store on real keyed state (a keyed operator in Flink's test harness), three ways:
 * with its changes held in memory as between two checkpoints, written out to keyed state after
 * every saved span as at a checkpoint, and replaced after every saved span by a new store that finds
 * only what keyed state holds, as after a restore. The job calls it with the class's key as the
 * current key, so each call here first makes the class the key.
 */
class KeyedStatePendingStoreContractTest {

    /** Between two checkpoints: what changed is in memory only. */
    @Nested
    class BetweenCheckpoints extends Contract {
        BetweenCheckpoints() {
            super(AfterSavedSpan.NOTHING);
        }
    }

    /** A write-out after every saved span, as a checkpoint after every event would do. */
    @Nested
    class WrittenOutAfterEverySpan extends Contract {
        WrittenOutAfterEverySpan() {
            super(AfterSavedSpan.WRITE_OUT);
        }
    }

    /** A new store after every saved span, finding only what keyed state holds, as a restore would. */
    @Nested
    class RestoredAfterEverySpan extends Contract {
        RestoredAfterEverySpan() {
            super(AfterSavedSpan.RESTORE);
        }
    }

    private enum AfterSavedSpan { NOTHING, WRITE_OUT, RESTORE }

    abstract static class Contract extends PendingStoreContract {

        private final AfterSavedSpan after;
        private KeyedOneInputStreamOperatorTestHarness<Integer, Integer, Integer> harness;

        Contract(AfterSavedSpan after) {
            this.after = after;
        }

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
            return new KeyedByClass(operator, opener, after);
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
    }

    /** Opens the store on the operator's keyed state, as ComplementMatchFunction does. */
    private static final class StoreOpener extends KeyedProcessFunction<Integer, Integer, Integer> {
        private RuntimeContext context;

        @Override
        public void open(OpenContext openContext) {
            context = getRuntimeContext();
        }

        KeyedStatePendingStore newStore() {
            return new KeyedStatePendingStore(context);
        }

        @Override
        public void processElement(Integer value, Context ctx, Collector<Integer> out) {}
    }

    /** Sets the class as the current key, as the keyed stream does before the matcher runs. */
    private static final class KeyedByClass implements PendingStore {

        private final KeyedProcessOperator<Integer, Integer, Integer> operator;
        private final StoreOpener opener;
        private final AfterSavedSpan after;
        private KeyedStatePendingStore store;

        KeyedByClass(KeyedProcessOperator<Integer, Integer, Integer> operator, StoreOpener opener, AfterSavedSpan after) {
            this.operator = operator;
            this.opener = opener;
            this.after = after;
            this.store = opener.newStore();
        }

        @Override
        public QueueSpan span(int complementClass) {
            operator.setCurrentKey(complementClass);
            return store.span(complementClass);
        }

        @Override
        public void saveSpan(int complementClass, QueueSpan span) {
            operator.setCurrentKey(complementClass);
            store.saveSpan(complementClass, span);
            if (after != AfterSavedSpan.NOTHING) {
                store.writeOut(operator::setCurrentKey);
            }
            if (after == AfterSavedSpan.RESTORE) {
                store = opener.newStore();
            }
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
