package dev.pairing.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.ComplementMatcher;
import dev.pairing.core.matching.InMemoryPendingStore;
import dev.pairing.core.matching.MatchListener;
import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.core.matching.QueueSpan;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.matching.Unpaired;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PendingTallyTest {

    private static final PairingRules RULES = new PairingRules(12);

    private final RecordingBinding binding = new RecordingBinding();
    private final AtomicLong now = new AtomicLong(100_000);

    @Test
    void aClassGaugesItsWaitingNumbersAndTheAgeOfTheOldest() {
        PendingTally tally = new PipelineMeter(binding).pending(new InMemoryPendingStore(), now::get);
        ComplementMatcher matcher = new ComplementMatcher(RULES, PendingLimits.DEFAULT, tally);
        List<Object> decisions = new ArrayList<>();

        matcher.onEvent(event(5, 0, 40_000), listener(decisions));
        matcher.onEvent(event(5, 1, 70_000), listener(decisions));

        assertThat(binding.gauge(PipelineMetric.PENDING, "5")).isEqualTo(2);
        assertThat(binding.gauge(PipelineMetric.PENDING_OLDEST_AGE, "5")).isEqualTo(60.0);

        matcher.onEvent(event(7, 2, 90_000), listener(decisions));

        assertThat(decisions).hasSize(1);
        assertThat(binding.gauge(PipelineMetric.PENDING, "5")).as("one 5 left").isEqualTo(1);
        assertThat(binding.gauge(PipelineMetric.PENDING_OLDEST_AGE, "5")).as("the younger 5 is the oldest now")
                .isEqualTo(30.0);

        matcher.onEvent(event(7, 3, 95_000), listener(decisions));

        assertThat(binding.gauge(PipelineMetric.PENDING, "5")).isZero();
        assertThat(binding.gauge(PipelineMetric.PENDING_OLDEST_AGE, "5")).isZero();
    }

    @Test
    void aRestoredStoreIsGaugedBeforeItsNextEvent() {
        InMemoryPendingStore store = new InMemoryPendingStore();
        ComplementMatcher before = new ComplementMatcher(RULES, PendingLimits.DEFAULT, store);
        before.onEvent(event(3, 0, 10_000), listener(new ArrayList<>()));
        before.onEvent(event(3, 1, 20_000), listener(new ArrayList<>()));

        new PipelineMeter(binding).pending(store, now::get).restored(List.of(3));

        assertThat(binding.gauge(PipelineMetric.PENDING, "3")).isEqualTo(2);
        assertThat(binding.gauge(PipelineMetric.PENDING_OLDEST_AGE, "3")).isEqualTo(90.0);
    }

    @Test
    void closingWithdrawsTheGauges() {
        PendingTally tally = new PipelineMeter(binding).pending(new InMemoryPendingStore(), now::get);
        new ComplementMatcher(RULES, PendingLimits.DEFAULT, tally).onEvent(event(2, 0, 1), listener(new ArrayList<>()));

        tally.close();

        assertThat(binding.gauge(PipelineMetric.PENDING, "2")).isNaN();
    }

    /**
     * Random input with evictions and expiry: the matcher decides on the tally exactly as on the bare
     * store, and after every event each class's gauge is the store's span and its head's age.
     */
    @Test
    void theGaugesFollowTheStoreAndTheDecisionsDoNotChange() {
        Random random = new Random(24);
        PendingLimits limits = new PendingLimits(4, 50_000);
        InMemoryPendingStore watched = new InMemoryPendingStore();
        InMemoryPendingStore bare = new InMemoryPendingStore();
        ComplementMatcher onTally = new ComplementMatcher(RULES, limits, new PipelineMeter(binding).pending(watched, now::get));
        ComplementMatcher plain = new ComplementMatcher(RULES, limits, bare);
        List<Object> fromTally = new ArrayList<>();
        List<Object> fromPlain = new ArrayList<>();
        long timestamp = 0;
        for (int offset = 0; offset < 5_000; offset++) {
            timestamp += random.nextInt(3_000);
            now.set(timestamp + random.nextInt(1_000)); // the wall clock a little ahead of the records
            // mostly one side of each class, so backlogs build up and are evicted or expire
            long value = random.nextInt(10) < 8 ? random.nextInt(6) : 6 + random.nextInt(7);
            SourceEvent event = event(value, offset, timestamp);
            onTally.onEvent(event, listener(fromTally));
            plain.onEvent(event, listener(fromPlain));
            for (int cls = 0; cls < RULES.classCount(); cls++) {
                QueueSpan span = bare.span(cls);
                String label = Integer.toString(cls);
                double gauged = binding.gauge(PipelineMetric.PENDING, label);
                assertThat(Double.isNaN(gauged) ? 0 : gauged).as("class %d after offset %d", cls, offset)
                        .isEqualTo(span.size());
                if (!span.isEmpty()) {
                    assertThat(binding.gauge(PipelineMetric.PENDING_OLDEST_AGE, label)).as("age of class %d", cls)
                            .isEqualTo((now.get() - bare.read(cls, span.head()).timestamp()) / 1000.0);
                }
            }
        }
        assertThat(fromTally).isEqualTo(fromPlain).hasSizeGreaterThan(1_000);
    }

    private static SourceEvent event(long value, long offset, long timestamp) {
        return new SourceEvent(value, 0, offset, timestamp, null);
    }

    private static MatchListener listener(List<Object> decisions) {
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
}
