package dev.pairing.core.matching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.PairingRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class ComplementMatcherPropertyTest {

    /** A scenario: a pairSum, limits and a stream of valid events in arrival order. */
    record Scenario(int pairSum, PendingLimits limits, List<SourceEvent> events) {}

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Integer> pairSums = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 16), Arbitraries.integers().between(1, 1000));
        Arbitrary<PendingLimits> limits = Arbitraries.oneOf(
                Arbitraries.just(PendingLimits.DEFAULT),
                Combinators.combine(Arbitraries.longs().between(1, 6), Arbitraries.longs().between(0, 50))
                        .as(PendingLimits::new));
        return pairSums.flatMap(pairSum -> limits.flatMap(limit -> events(pairSum)
                .map(events -> new Scenario(pairSum, limit, events))));
    }

    private Arbitrary<List<SourceEvent>> events(int pairSum) {
        // A few distinct values keep complements likely to meet; some scenarios use the full range.
        Arbitrary<Long> values = Arbitraries.oneOf(
                Arbitraries.longs().between(0, pairSum),
                Arbitraries.of(0L, (long) pairSum / 2, (long) pairSum - pairSum / 2, (long) pairSum));
        Arbitrary<Long> gaps = Arbitraries.longs().between(0, 20);
        return Combinators.combine(values, gaps).as((v, g) -> new long[] {v, g})
                .list().ofMaxSize(300)
                .map(raw -> {
                    List<SourceEvent> events = new ArrayList<>();
                    long time = 1_000;
                    for (int i = 0; i < raw.size(); i++) {
                        time += raw.get(i)[1];
                        events.add(new SourceEvent(raw.get(i)[0], i % 3, i, time, (long) i));
                    }
                    return events;
                });
    }

    private static Recorder run(Scenario s, PendingStore store) {
        ComplementMatcher matcher = new ComplementMatcher(new PairingRules(s.pairSum()), s.limits(), store);
        Recorder out = new Recorder();
        s.events().forEach(e -> matcher.onEvent(e, out));
        return out;
    }

    @Property
    void decidesExactlyLikeTheNaiveModel(@ForAll("scenarios") Scenario s) {
        NaivePairingModel model = new NaivePairingModel(s.pairSum(), s.limits());
        s.events().forEach(model::accept);
        InMemoryPendingStore store = new InMemoryPendingStore();

        assertThat(run(s, store).outcomes).isEqualTo(model.outcomes);
        assertThat(store.pendingCount()).isEqualTo(model.pendingCount());
    }

    @Property
    void everyPairSumsToPairSumAndOddPairSumsNeverSelfPair(@ForAll("scenarios") Scenario s) {
        for (Pair pair : run(s, new InMemoryPendingStore()).pairs()) {
            assertThat(pair.first().value() + pair.second().value()).isEqualTo(s.pairSum());
            if (s.pairSum() % 2 == 1) {
                assertThat(pair.first().value()).isNotEqualTo(pair.second().value());
            }
        }
    }

    @Property
    void noEventIsUsedTwiceAndPairsListTheEarlierEventFirst(@ForAll("scenarios") Scenario s) {
        Set<Long> used = new HashSet<>();
        Recorder out = run(s, new InMemoryPendingStore());
        for (Pair pair : out.pairs()) {
            assertThat(used.add(pair.first().offset())).isTrue();
            assertThat(used.add(pair.second().offset())).isTrue();
            assertThat(pair.first().offset()).isLessThan(pair.second().offset());
        }
        for (Unpaired unpaired : out.unpaired()) {
            assertThat(used.add(unpaired.event().offset())).isTrue();
        }
    }

    @Property
    void pairsOfAClassFollowArrivalOrder(@ForAll("scenarios") Scenario s) {
        // FIFO: within a class, waiting events leave (paired or not) in the order they arrived.
        PairingRules rules = new PairingRules(s.pairSum());
        Map<Integer, Long> lastLeft = new HashMap<>();
        for (Object outcome : run(s, new InMemoryPendingStore()).outcomes) {
            SourceEvent waited = outcome instanceof Pair p ? p.first() : ((Unpaired) outcome).event();
            int cls = rules.complementClass(waited.value());
            assertThat(waited.offset()).isGreaterThan(lastLeft.getOrDefault(cls, -1L));
            lastLeft.put(cls, waited.offset());
        }
    }

    @Property
    void everyEventIsAccountedFor(@ForAll("scenarios") Scenario s) {
        InMemoryPendingStore store = new InMemoryPendingStore();
        Recorder out = run(s, store);
        assertThat(2L * out.pairs().size() + out.unpaired().size() + store.pendingCount())
                .isEqualTo(s.events().size());
    }

    @Property
    void boundsAreRespected(@ForAll("scenarios") Scenario s) {
        InMemoryPendingStore store = new InMemoryPendingStore();
        ComplementMatcher matcher = new ComplementMatcher(new PairingRules(s.pairSum()), s.limits(), store);
        Recorder out = new Recorder();
        for (SourceEvent e : s.events()) {
            matcher.onEvent(e, out);
            for (int cls = 0; cls < matcher.rules().classCount(); cls++) {
                assertThat(store.span(cls).size()).isLessThanOrEqualTo(s.limits().maxPendingPerClass());
            }
        }
    }

    @Property
    void everyImplementationOfThePortDecidesTheSame(@ForAll("scenarios") Scenario s) {
        Recorder inMemory = run(s, new InMemoryPendingStore());
        Recorder keyValue = run(s, new KeyValuePendingStore());
        Recorder again = run(s, new InMemoryPendingStore());

        assertThat(keyValue.outcomes).isEqualTo(inMemory.outcomes);
        assertThat(again.outcomes).as("deterministic").isEqualTo(inMemory.outcomes);
    }

    @Property(tries = 50)
    void aLongBacklogDrainsInOrder(@ForAll @IntRange(min = 1, max = 5000) int backlog) {
        // Exercises the in-memory ring's growth and wrap-around.
        InMemoryPendingStore store = new InMemoryPendingStore();
        ComplementMatcher matcher = new ComplementMatcher(new PairingRules(12), PendingLimits.DEFAULT, store);
        Recorder out = new Recorder();
        for (int i = 0; i < backlog; i++) {
            matcher.onEvent(new SourceEvent(1, 0, i, i, null), out);
        }
        for (int i = 0; i < backlog; i++) {
            matcher.onEvent(new SourceEvent(11, 0, backlog + i, backlog + i, null), out);
        }
        List<Pair> pairs = out.pairs();
        assertThat(pairs).hasSize(backlog);
        for (int i = 0; i < backlog; i++) {
            assertThat(pairs.get(i).first().offset()).isEqualTo(i);
        }
        assertThat(store.pendingCount()).isZero();
    }
}
