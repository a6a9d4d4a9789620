package dev.pairing.core.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.core.PairingRules;
import org.junit.jupiter.api.Test;

class ComplementMatcherTest {

    private final KeyValuePendingStore store = new KeyValuePendingStore();
    private final Recorder out = new Recorder();
    private long offset;

    private ComplementMatcher matcher(int pairSum, PendingLimits limits) {
        return new ComplementMatcher(new PairingRules(pairSum), limits, store);
    }

    private SourceEvent event(long value, long timestamp) {
        return new SourceEvent(value, 0, offset++, timestamp, offset);
    }

    @Test
    void pairsANumberWithItsComplementEarlierEventFirst() {
        ComplementMatcher matcher = matcher(12, PendingLimits.DEFAULT);
        SourceEvent five = event(5, 1);
        SourceEvent seven = event(7, 2);
        matcher.onEvent(seven, out);
        matcher.onEvent(five, out);

        assertThat(out.pairs()).containsExactly(new Pair(seven, five));
        assertThat(out.pairs().get(0).low()).isEqualTo(5);
        assertThat(out.pairs().get(0).high()).isEqualTo(7);
        assertThat(store.isEmpty()).as("a drained class leaves no state").isTrue();
    }

    @Test
    void numbersOfOtherClassesNeverPair() {
        ComplementMatcher matcher = matcher(12, PendingLimits.DEFAULT);
        matcher.onEvent(event(5, 1), out);
        matcher.onEvent(event(6, 2), out);
        matcher.onEvent(event(8, 3), out);
        matcher.onEvent(event(5, 4), out);

        assertThat(out.outcomes).isEmpty();
        assertThat(store.entries()).isEqualTo(4);
    }

    @Test
    void theMiddleNumberOfAnEvenPairSumPairsWithItself() {
        ComplementMatcher matcher = matcher(12, PendingLimits.DEFAULT);
        SourceEvent a = event(6, 1);
        SourceEvent b = event(6, 2);
        SourceEvent c = event(6, 3);
        matcher.onEvent(a, out);
        matcher.onEvent(b, out);
        matcher.onEvent(c, out);

        assertThat(out.pairs()).containsExactly(new Pair(a, b));
        assertThat(store.entries()).isEqualTo(1);
    }

    @Test
    void anOddPairSumHasNoSelfPair() {
        ComplementMatcher matcher = matcher(13, PendingLimits.DEFAULT);
        matcher.onEvent(event(6, 1), out);
        matcher.onEvent(event(6, 2), out);
        assertThat(out.outcomes).as("6 + 6 is not 13").isEmpty();

        SourceEvent seven = event(7, 3);
        matcher.onEvent(seven, out);
        assertThat(out.pairs()).hasSize(1);
        assertThat(out.pairs().get(0).first().value() + out.pairs().get(0).second().value()).isEqualTo(13);
    }

    @Test
    void anArrivingNumberPairsWithTheOldestWaitingComplement() {
        ComplementMatcher matcher = matcher(12, PendingLimits.DEFAULT);
        SourceEvent first3 = event(3, 1);
        SourceEvent second3 = event(3, 2);
        SourceEvent first9 = event(9, 3);
        SourceEvent second9 = event(9, 4);
        matcher.onEvent(first3, out);
        matcher.onEvent(second3, out);
        matcher.onEvent(first9, out);
        matcher.onEvent(second9, out);

        assertThat(out.pairs()).containsExactly(new Pair(first3, first9), new Pair(second3, second9));
    }

    @Test
    void pairSumZeroPairsZeroWithZero() {
        ComplementMatcher matcher = matcher(0, PendingLimits.DEFAULT);
        matcher.onEvent(event(0, 1), out);
        matcher.onEvent(event(0, 2), out);
        assertThat(out.pairs()).hasSize(1);
    }

    @Test
    void aFullClassEvictsItsOldestEvent() {
        ComplementMatcher matcher = matcher(12, new PendingLimits(2, 0));
        SourceEvent a = event(4, 1);
        SourceEvent b = event(4, 2);
        SourceEvent c = event(4, 3);
        matcher.onEvent(a, out);
        matcher.onEvent(b, out);
        matcher.onEvent(c, out);

        assertThat(out.outcomes).containsExactly(new Unpaired(a, UnpairedReason.EVICTED));
        SourceEvent eight = event(8, 4);
        matcher.onEvent(eight, out);
        assertThat(out.pairs()).containsExactly(new Pair(b, eight));
    }

    @Test
    void aWaitingEventExpiresWhenItsClassClockPassesTheTtl() {
        ComplementMatcher matcher = matcher(12, new PendingLimits(100, 1_000));
        SourceEvent old = event(2, 0);
        matcher.onEvent(old, out);
        SourceEvent late = event(10, 1_000);
        matcher.onEvent(late, out);

        assertThat(out.outcomes).containsExactly(new Unpaired(old, UnpairedReason.EXPIRED));
        assertThat(store.entries()).as("the late event waits instead").isEqualTo(1);
    }

    @Test
    void anEventJustInsideTheTtlStillPairs() {
        ComplementMatcher matcher = matcher(12, new PendingLimits(100, 1_000));
        SourceEvent old = event(2, 0);
        SourceEvent inTime = event(10, 999);
        matcher.onEvent(old, out);
        matcher.onEvent(inTime, out);

        assertThat(out.outcomes).containsExactly(new Pair(old, inTime));
    }

    @Test
    void expireDrivenByTheEngineClockEmptiesIdleClasses() {
        ComplementMatcher matcher = matcher(12, new PendingLimits(100, 1_000));
        SourceEvent a = event(1, 10);
        SourceEvent b = event(1, 20);
        matcher.onEvent(a, out);
        matcher.onEvent(b, out);
        assertThat(matcher.nextExpiry(1)).isEqualTo(1_010);

        matcher.expire(1, 1_009, out);
        assertThat(out.outcomes).isEmpty();
        matcher.expire(1, 1_010, out);
        assertThat(out.outcomes).containsExactly(new Unpaired(a, UnpairedReason.EXPIRED));
        assertThat(matcher.nextExpiry(1)).isEqualTo(1_020);
        matcher.expire(1, 5_000, out);
        assertThat(out.unpaired()).hasSize(2);
        assertThat(matcher.nextExpiry(1)).isEqualTo(-1);
        assertThat(store.isEmpty()).isTrue();
    }

    @Test
    void withoutTtlNothingExpires() {
        ComplementMatcher matcher = matcher(12, PendingLimits.DEFAULT);
        matcher.onEvent(event(1, 0), out);
        matcher.expire(1, Long.MAX_VALUE, out);
        assertThat(out.outcomes).isEmpty();
        assertThat(matcher.nextExpiry(1)).isEqualTo(-1);
    }

    @Test
    void costPerEventDoesNotGrowWithTheBacklog() {
        ComplementMatcher matcher = matcher(12, PendingLimits.DEFAULT);
        for (int i = 0; i < 100_000; i++) {
            matcher.onEvent(event(3, i), out);
        }
        store.operations = 0;
        matcher.onEvent(event(3, 100_001), out);
        int appendOps = store.operations;
        store.operations = 0;
        matcher.onEvent(event(9, 100_002), out);
        int pairOps = store.operations;

        assertThat(appendOps).as("store calls to queue behind 100k waiting events").isLessThanOrEqualTo(4);
        assertThat(pairOps).as("store calls to pair with the oldest of 100k").isLessThanOrEqualTo(4);
    }

    @Test
    void limitsAreChecked() {
        assertThatThrownBy(() -> new PendingLimits(0, 0)).hasMessageContaining("maxPendingPerClass");
        assertThatThrownBy(() -> new PendingLimits(1, -5)).hasMessageContaining("TTL");
    }
}
