package dev.pairing.core;

import dev.pairing.core.matching.ComplementMatcher;
import dev.pairing.core.matching.InMemoryPendingStore;
import dev.pairing.core.matching.MatchListener;
import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.core.validation.Decoded;
import dev.pairing.core.validation.NumberValidator;
import dev.pairing.core.validation.RejectReason;
import dev.pairing.core.validation.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The whole decision chain (validate, then match) in memory, recording every outcome. It is what
 * an engine's output must equal for the same input in the same order: the tests' and
 * {@code verify}'s oracle. Holds every outcome, so it is for bounded inputs.
 */
public final class PairingOracle implements MatchListener {

    /** A rejected raw record and where it was. */
    public record Rejection(RejectReason reason, String detail, int partition, long offset) {}

    private final NumberValidator validator;
    private final ComplementMatcher matcher;
    private final InMemoryPendingStore store = new InMemoryPendingStore();
    private final List<Pair> pairs = new ArrayList<>();
    private final List<Unpaired> unpaired = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private long accepted;

    public PairingOracle(PairingRules rules, PendingLimits limits) {
        this.validator = new NumberValidator(rules);
        this.matcher = new ComplementMatcher(rules, limits, store);
    }

    /** Feeds one raw record, as decoded, with its place in the raw topic. */
    public void accept(Decoded decoded, int partition, long offset, long timestamp) {
        Verdict verdict = validator.validate(decoded);
        if (verdict instanceof Verdict.Rejected rejected) {
            rejections.add(new Rejection(rejected.reason(), rejected.detail(), partition, offset));
            return;
        }
        Verdict.Accepted valid = (Verdict.Accepted) verdict;
        accepted++;
        matcher.onEvent(new SourceEvent(valid.value(), partition, offset, timestamp, valid.sequence()), this);
    }

    /** Expires, in every class, what the TTL has passed at event time {@code now}. */
    public void expireAll(long now) {
        for (int cls = 0; cls < matcher.rules().classCount(); cls++) {
            matcher.expire(cls, now, this);
        }
    }

    @Override
    public void onPair(Pair pair) {
        pairs.add(pair);
    }

    @Override
    public void onUnpaired(Unpaired event) {
        unpaired.add(event);
    }

    public List<Pair> pairs() {
        return Collections.unmodifiableList(pairs);
    }

    public List<Unpaired> unpaired() {
        return Collections.unmodifiableList(unpaired);
    }

    public List<Rejection> rejections() {
        return Collections.unmodifiableList(rejections);
    }

    public long acceptedCount() {
        return accepted;
    }

    public long pendingCount() {
        return store.pendingCount();
    }
}
