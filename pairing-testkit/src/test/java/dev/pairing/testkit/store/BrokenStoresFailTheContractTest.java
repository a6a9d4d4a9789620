package dev.pairing.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.pairing.core.matching.PendingStore;
import dev.pairing.core.matching.QueueSpan;
import dev.pairing.core.matching.SourceEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The contract is worth running only if it fails stores that break the port's promises. */
class BrokenStoresFailTheContractTest {

    private static final String ON_PURPOSE = "run by BrokenStoresFailTheContractTest, which expects the broken ones to fail";

    @Test
    void aStoreThatReadsTheNewestEventFails() {
        assertThat(failedTests(NewestFirstContract.class))
                .contains("theMatcherDecidesOnThisStoreAsOnTheReferenceStore()", "aLongBacklogDrainsOldestFirst()");
    }

    @Test
    void aStoreThatReturnsNullForNothingFails() {
        assertThat(failedTests(NullForNothingContract.class)).contains("readingAPositionThatHoldsNothingFails()");
    }

    @Test
    void aCorrectStorePassesEverything() {
        Events tests = run(CorrectContract.class);
        assertThat(tests.succeeded().count()).isEqualTo(8);
        assertThat(tests.failed().count()).isZero();
    }

    private static List<String> failedTests(Class<?> contract) {
        Events tests = run(contract);
        assertThat(tests.succeeded().count()).as("some tests pass").isPositive();
        return tests.failed().map(e -> e.getTestDescriptor().getDisplayName()).sorted().toList();
    }

    private static Events run(Class<?> contract) {
        // the contracts below are @Disabled so that no build runs them on its own; here they run
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract))
                .configurationParameter("junit.jupiter.conditions.deactivate", "org.junit.*DisabledCondition")
                .execute().testEvents();
    }

    /** Map-backed; subclasses break one promise each. */
    static class MapStore implements PendingStore {
        final Map<Integer, QueueSpan> spans = new HashMap<>();
        final Map<String, SourceEvent> events = new HashMap<>();

        String slot(int cls, long position) {
            return cls + "/" + position;
        }

        @Override
        public QueueSpan span(int cls) {
            return spans.getOrDefault(cls, QueueSpan.EMPTY);
        }

        @Override
        public void saveSpan(int cls, QueueSpan span) {
            spans.put(cls, span);
        }

        @Override
        public SourceEvent read(int cls, long position) {
            SourceEvent event = events.get(slot(cls, position));
            if (event == null) {
                throw new IllegalStateException("nothing at " + slot(cls, position));
            }
            return event;
        }

        @Override
        public void write(int cls, long position, SourceEvent event) {
            events.put(slot(cls, position), event);
        }

        @Override
        public void delete(int cls, long position) {
            events.remove(slot(cls, position));
        }
    }

    static final class NewestFirstStore extends MapStore {
        @Override
        public SourceEvent read(int cls, long position) {
            QueueSpan span = span(cls);
            return super.read(cls, span.isEmpty() ? position : span.tail() - 1);
        }
    }

    static final class NullForNothingStore extends MapStore {
        @Override
        public SourceEvent read(int cls, long position) {
            return events.get(slot(cls, position));
        }
    }

    @Disabled(ON_PURPOSE)
    static class CorrectContract extends PendingStoreContract {
        @Override
        protected PendingStore newStore() {
            return new MapStore();
        }
    }

    @Disabled(ON_PURPOSE)
    static class NewestFirstContract extends PendingStoreContract {
        @Override
        protected PendingStore newStore() {
            return new NewestFirstStore();
        }
    }

    @Disabled(ON_PURPOSE)
    static class NullForNothingContract extends PendingStoreContract {
        @Override
        protected PendingStore newStore() {
            return new NullForNothingStore();
        }
    }
}
