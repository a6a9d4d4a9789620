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

    /**
     * A rejected raw record and where it was.
     *
     * @param reason    why it was rejected
     * @param detail    what exactly was wrong, for people
     * @param partition its raw partition
     * @param offset    its raw offset
     */
    public record Rejection(RejectReason reason, String detail, int partition, long offset) {}

    private final NumberValidator validator;
    private final ComplementMatcher matcher;
    private final InMemoryPendingStore store = new InMemoryPendingStore();
    private final List<Pair> pairs = new ArrayList<>();
    private final List<Unpaired> unpaired = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private long accepted;

    /**
     * An oracle with nothing seen yet.
     *
     * @param rules  the pairSum
     * @param limits the bounds on pending state the engine runs with
     */
    public PairingOracle(PairingRules rules, PendingLimits limits) {
        this.validator = new NumberValidator(rules);
        this.matcher = new ComplementMatcher(rules, limits, store);
    }

    /**
     * Feeds one raw record, as decoded, with its place in the raw topic.
     *
     * @param decoded   what the codec made of the value
     * @param partition the raw partition
     * @param offset    the raw offset
     * @param timestamp the raw record's timestamp (event time)
     */
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

    /**
     * Expires, in every class, what the TTL has passed at event time {@code now}.
     *
     * @param now the event time the engine's clock has reached
     */
    public void expireAll(long now) {
        for (int cls = 0; cls < matcher.rules().classCount(); cls++) {
            matcher.expire(cls, now, this);
        }
    }

    /** Records a pair; called by the matcher. */
    @Override
    public void onPair(Pair pair) {
        pairs.add(pair);
    }

    /** Records an unpaired number; called by the matcher. */
    @Override
    public void onUnpaired(Unpaired event) {
        unpaired.add(event);
    }

    /**
     * The pairs so far, in decision order.
     *
     * @return an unmodifiable view
     */
    public List<Pair> pairs() {
        return Collections.unmodifiableList(pairs);
    }

    /**
     * The numbers that left without a partner so far, in decision order.
     *
     * @return an unmodifiable view
     */
    public List<Unpaired> unpaired() {
        return Collections.unmodifiableList(unpaired);
    }

    /**
     * The rejected records so far, in input order.
     *
     * @return an unmodifiable view
     */
    public List<Rejection> rejections() {
        return Collections.unmodifiableList(rejections);
    }

    /**
     * How many records were valid numbers.
     *
     * @return the count
     */
    public long acceptedCount() {
        return accepted;
    }

    /**
     * How many numbers wait for a partner now.
     *
     * @return the count over all classes
     */
    public long pendingCount() {
        return store.pendingCount();
    }
}
