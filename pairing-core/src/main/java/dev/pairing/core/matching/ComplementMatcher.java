package dev.pairing.core.matching;

import dev.pairing.core.PairingRules;

/**
 * The matching state machine. Per complement class it keeps a FIFO of waiting events; only one side
 * of a class can wait at a time, because any arriving complement pairs at once. An arriving number
 * pairs with the oldest waiting complement, otherwise it joins the queue.
 *
 * <p>Limits: a class holding more than {@code maxPendingPerClass} events evicts its oldest; with a
 * TTL, an event whose timestamp is {@code ttl} or more behind the class's clock expires. The clock
 * is event time: the arriving record's timestamp (checked before it may pair, so the result depends
 * only on the class's own input order), or the engine's stream time / watermark via
 * {@link #expire} for classes that stop receiving events.
 *
 * <p>Not thread-safe: engines call it from the task that owns the class.
 */
public final class ComplementMatcher {

    private final PairingRules rules;
    private final PendingLimits limits;
    private final PendingStore store;

    /**
     * A matcher on a store; the store may already hold state this matcher (or another with the same
     * rules) wrote, as after a restart.
     *
     * @param rules  the pairSum
     * @param limits the bounds on pending state
     * @param store  where waiting events live (see {@link PendingStore}'s contract)
     */
    public ComplementMatcher(PairingRules rules, PendingLimits limits, PendingStore store) {
        this.rules = rules;
        this.limits = limits;
        this.store = store;
    }

    /**
     * The rules this matcher pairs by.
     *
     * @return the rules
     */
    public PairingRules rules() {
        return rules;
    }

    /**
     * The bounds this matcher keeps.
     *
     * @return the limits
     */
    public PendingLimits limits() {
        return limits;
    }

    /**
     * Matches one valid event; decisions go to the listener in order: first what its class's clock
     * expired, then a pair or (after the event joined the queue) an eviction.
     *
     * @param event    a valid number; its timestamp is the class's clock
     * @param listener receives the decisions
     */
    public void onEvent(SourceEvent event, MatchListener listener) {
        int cls = rules.complementClass(event.value());
        QueueSpan span = expire(cls, store.span(cls), event.timestamp(), listener);
        if (!span.isEmpty()) {
            SourceEvent oldest = store.read(cls, span.head());
            if (rules.complements(oldest.value(), event.value())) {
                store.delete(cls, span.head());
                store.saveSpan(cls, span.withoutHead());
                listener.onPair(new Pair(oldest, event));
                return;
            }
        }
        store.write(cls, span.tail(), event);
        span = span.withTail();
        if (span.size() > limits.maxPendingPerClass()) {
            span = removeHead(cls, span, UnpairedReason.EVICTED, listener);
        }
        store.saveSpan(cls, span);
    }

    /**
     * Expires the class's events whose TTL has passed at event time {@code now}. Engines call it
     * when their clock (stream time, watermark) advances; a no-op without a TTL.
     *
     * @param complementClass the class
     * @param now             the event time the engine's clock has reached
     * @param listener        receives the {@code EXPIRED} records, oldest first
     */
    public void expire(int complementClass, long now, MatchListener listener) {
        QueueSpan before = store.span(complementClass);
        QueueSpan after = expire(complementClass, before, now, listener);
        if (!after.equals(before)) {
            store.saveSpan(complementClass, after);
        }
    }

    /**
     * When to call {@link #expire} for a class next, for engines that set timers.
     *
     * @param complementClass the class
     * @return the earliest event time at which the class's oldest event expires, or -1 if none will
     */
    public long nextExpiry(int complementClass) {
        QueueSpan span = store.span(complementClass);
        if (!limits.hasTtl() || span.isEmpty()) {
            return -1;
        }
        return store.read(complementClass, span.head()).timestamp() + limits.ttlMillis();
    }

    private QueueSpan expire(int cls, QueueSpan span, long now, MatchListener listener) {
        if (!limits.hasTtl()) {
            return span;
        }
        // FIFO in arrival order: an event stuck behind a younger head waits for the head to go.
        while (!span.isEmpty() && limits.expired(store.read(cls, span.head()), now)) {
            span = removeHead(cls, span, UnpairedReason.EXPIRED, listener);
        }
        return span;
    }

    private QueueSpan removeHead(int cls, QueueSpan span, UnpairedReason reason, MatchListener listener) {
        SourceEvent oldest = store.read(cls, span.head());
        store.delete(cls, span.head());
        listener.onUnpaired(new Unpaired(oldest, reason));
        return span.withoutHead();
    }
}
