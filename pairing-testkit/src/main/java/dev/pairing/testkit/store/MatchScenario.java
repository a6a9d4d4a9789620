package dev.pairing.testkit.store;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.ComplementMatcher;
import dev.pairing.core.matching.MatchListener;
import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.core.matching.PendingStore;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.matching.Unpaired;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A pairSum, limits and a stream of valid events in arrival order, run through the matcher with an
 * expiry sweep of every class after every tenth event (as an engine's clock would call it).
 */
record MatchScenario(int pairSum, PendingLimits limits, List<SourceEvent> events) {

    private static final int SWEEP_EVERY = 10;

    /** The same seed gives the same scenario, so a failure names a scenario that can be replayed. */
    static MatchScenario random(long seed) {
        Random random = new Random(seed);
        int pairSum = random.nextBoolean() ? 1 + random.nextInt(16) : 1 + random.nextInt(1000);
        PendingLimits limits = random.nextInt(3) == 0
                ? PendingLimits.DEFAULT
                : new PendingLimits(1 + random.nextInt(6), random.nextInt(51));
        // a few distinct values keep complements likely to meet; half the scenarios use the full range
        long[] few = {0, pairSum / 2, pairSum - pairSum / 2, pairSum};
        boolean fullRange = random.nextBoolean();
        int count = random.nextInt(301);
        List<SourceEvent> events = new ArrayList<>(count);
        long time = 1_000;
        for (int i = 0; i < count; i++) {
            time += random.nextInt(21);
            long value = fullRange ? random.nextInt(pairSum + 1) : few[random.nextInt(few.length)];
            events.add(new SourceEvent(value, i % 3, i, time, (long) i));
        }
        return new MatchScenario(pairSum, limits, events);
    }

    MatchRecord run(PendingStore store) {
        ComplementMatcher matcher = new ComplementMatcher(new PairingRules(pairSum), limits, store);
        Outcomes outcomes = new Outcomes();
        for (int i = 0; i < events.size(); i++) {
            SourceEvent event = events.get(i);
            matcher.onEvent(event, outcomes);
            if ((i + 1) % SWEEP_EVERY == 0) {
                for (int cls = 0; cls < matcher.rules().classCount(); cls++) {
                    matcher.expire(cls, event.timestamp(), outcomes);
                }
            }
        }
        List<Long> pending = new ArrayList<>();
        for (int cls = 0; cls < matcher.rules().classCount(); cls++) {
            pending.add(store.span(cls).size());
        }
        return new MatchRecord(outcomes.decisions, pending);
    }

    @Override
    public String toString() {
        return "pairSum " + pairSum + ", " + limits + ", " + events.size() + " events";
    }

    private static final class Outcomes implements MatchListener {
        final List<Object> decisions = new ArrayList<>();

        @Override
        public void onPair(Pair pair) {
            decisions.add(pair);
        }

        @Override
        public void onUnpaired(Unpaired unpaired) {
            decisions.add(unpaired);
        }
    }
}
