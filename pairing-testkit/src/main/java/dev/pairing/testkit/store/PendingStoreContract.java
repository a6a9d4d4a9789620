package dev.pairing.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pairing.core.matching.ComplementMatcher;
import dev.pairing.core.matching.InMemoryPendingStore;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.core.matching.PendingStore;
import dev.pairing.core.matching.QueueSpan;
import dev.pairing.core.matching.SourceEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@link PendingStore} contract as a JUnit 5 test: extend it, return a fresh, empty store of
 * yours from {@link #newStore()}, and run it with your tests. It checks each promise the port's
 * documentation makes, then drives {@link ComplementMatcher} on your store and on the project's
 * {@link InMemoryPendingStore} through the same seeded scenarios and demands the same decisions.
 * Every test calls the store in an order the matcher itself uses (an event is written before the
 * span that covers it is saved), so a store may rely on that order.
 *
 * <pre>{@code
 * class MyStoreContractTest extends PendingStoreContract {
 *     protected PendingStore newStore() { return new MyStore(); }
 * }
 * }</pre>
 *
 * The project's own stores (the in-memory one, the Kafka Streams one, the Flink keyed-state one) pass it.
 */
public abstract class PendingStoreContract {

    /** How many seeded matcher scenarios {@link #theMatcherDecidesOnThisStoreAsOnTheReferenceStore()} runs. */
    protected static final int SCENARIOS = 300;

    /** Creates the contract test; subclasses only provide {@link #newStore()}. */
    protected PendingStoreContract() {}

    /**
     * A new store holding nothing, for one test.
     *
     * @return a store no other test uses
     */
    protected abstract PendingStore newStore();

    /** A class nothing was saved for has the empty span. */
    @Test
    public void aClassNeverSavedHasTheEmptySpan() {
        PendingStore store = newStore();
        assertEquals(QueueSpan.EMPTY, store.span(0));
        assertEquals(QueueSpan.EMPTY, store.span(500));
    }

    /** A saved span is read back as saved, class by class. */
    @Test
    public void aSavedSpanIsReadBackForItsClassOnly() {
        PendingStore store = newStore();
        for (long p = 0; p < 3; p++) {
            store.write(3, p, event(3, p));
        }
        store.saveSpan(3, new QueueSpan(0, 3));
        store.write(5, 0, event(7, 3));
        store.saveSpan(5, new QueueSpan(0, 1));
        store.delete(3, 0);
        store.saveSpan(3, new QueueSpan(1, 3));

        assertEquals(new QueueSpan(1, 3), store.span(3));
        assertEquals(new QueueSpan(0, 1), store.span(5));
        assertEquals(QueueSpan.EMPTY, store.span(4));
    }

    /** Saving the empty span empties the class. */
    @Test
    public void savingTheEmptySpanEmptiesTheClass() {
        PendingStore store = newStore();
        store.write(2, 0, event(2, 0));
        store.saveSpan(2, new QueueSpan(0, 1));
        store.delete(2, 0);
        store.saveSpan(2, QueueSpan.EMPTY);
        assertEquals(QueueSpan.EMPTY, store.span(2));
    }

    /** An event is read back at its class and position until it is deleted, and classes do not share positions. */
    @Test
    public void aWrittenEventIsReadBackUntilDeleted() {
        PendingStore store = newStore();
        SourceEvent five = event(5, 0);
        SourceEvent one = event(1, 1);
        store.write(5, 0, five);
        store.saveSpan(5, new QueueSpan(0, 1));
        store.write(1, 0, one);
        store.saveSpan(1, new QueueSpan(0, 1));

        assertEquals(five, store.read(5, 0));
        assertEquals(one, store.read(1, 0));
        store.delete(5, 0);
        store.saveSpan(5, QueueSpan.EMPTY);
        assertThrows(IllegalStateException.class, () -> store.read(5, 0));
        assertEquals(one, store.read(1, 0));
    }

    /** Reading where nothing was written fails instead of returning null: the state is corrupt. */
    @Test
    public void readingAPositionThatHoldsNothingFails() {
        PendingStore store = newStore();
        assertThrows(IllegalStateException.class, () -> store.read(0, 0));
        store.write(0, 0, event(0, 0));
        store.saveSpan(0, new QueueSpan(0, 1));
        assertThrows(IllegalStateException.class, () -> store.read(0, 1));
    }

    /** A drained class starts again at position 0, so positions are written again after a delete. */
    @Test
    public void positionsAreWrittenAgainAfterTheirDelete() {
        PendingStore store = newStore();
        store.write(4, 0, event(4, 0));
        store.saveSpan(4, new QueueSpan(0, 1));
        store.delete(4, 0);
        store.saveSpan(4, QueueSpan.EMPTY);
        SourceEvent again = event(8, 1);
        store.write(4, 0, again);
        store.saveSpan(4, new QueueSpan(0, 1));
        assertEquals(again, store.read(4, 0));
    }

    /** A backlog of thousands on one side drains oldest first (ring growth, wrap-around). */
    @Test
    public void aLongBacklogDrainsOldestFirst() {
        int backlog = 5_000;
        List<SourceEvent> events = new ArrayList<>();
        for (int i = 0; i < backlog; i++) {
            events.add(new SourceEvent(1, 0, i, i, null));
        }
        for (int i = 0; i < backlog; i++) {
            events.add(new SourceEvent(11, 0, backlog + i, backlog + i, null));
        }
        MatchScenario scenario = new MatchScenario(12, PendingLimits.DEFAULT, events);
        PendingStore store = newStore();

        MatchRecord record = scenario.run(store);

        assertSameDecisions(scenario.run(new InMemoryPendingStore()), record, "a backlog of " + backlog);
        assertEquals(backlog, record.pairs());
        assertEquals(QueueSpan.EMPTY, store.span(1));
    }

    /**
     * The matcher on this store decides exactly as on the reference store: the same pairs and
     * unpaired records in the same order, over random pairSums, limits (eviction, TTL) and
     * streams, with expiry sweeps in between; and what stays pending is the same.
     */
    @Test
    public void theMatcherDecidesOnThisStoreAsOnTheReferenceStore() {
        for (long seed = 1; seed <= SCENARIOS; seed++) {
            MatchScenario scenario = MatchScenario.random(seed);
            PendingStore store = newStore();

            MatchRecord expected = scenario.run(new InMemoryPendingStore());
            MatchRecord actual = scenario.run(store);

            assertSameDecisions(expected, actual, "scenario seed " + seed + " (" + scenario + ")");
        }
    }

    /** Names the first decision that differs, not two lists of thousands. */
    private static void assertSameDecisions(MatchRecord expected, MatchRecord actual, String scenario) {
        int common = Math.min(expected.decisions().size(), actual.decisions().size());
        for (int i = 0; i < common; i++) {
            assertEquals(expected.decisions().get(i), actual.decisions().get(i), scenario + ": decision " + i);
        }
        assertEquals(expected.decisions().size(), actual.decisions().size(), scenario + ": number of decisions");
        for (int cls = 0; cls < expected.pendingPerClass().size(); cls++) {
            assertEquals(expected.pendingPerClass().get(cls), actual.pendingPerClass().get(cls),
                    scenario + ": events pending in class " + cls);
        }
    }

    private static SourceEvent event(long value, long offset) {
        return new SourceEvent(value, 0, offset, 1_000 + offset, offset);
    }
}
