package dev.pairing.core.matching;

/**
 * Bounds on pending state, so unmatched numbers cannot grow it forever.
 *
 * @param maxPendingPerClass how many events one class may hold; past it the oldest is evicted
 * @param ttlMillis          how long an event may wait, in event time; 0 means forever
 */
public record PendingLimits(long maxPendingPerClass, long ttlMillis) {

    /** Generous enough for a million-event backlog of one side. */
    public static final long DEFAULT_MAX_PENDING_PER_CLASS = 1_000_000;

    public static final PendingLimits DEFAULT = new PendingLimits(DEFAULT_MAX_PENDING_PER_CLASS, 0);

    public PendingLimits {
        if (maxPendingPerClass < 1) {
            throw new IllegalArgumentException("maxPendingPerClass must be at least 1, got " + maxPendingPerClass);
        }
        if (ttlMillis < 0) {
            throw new IllegalArgumentException("pending TTL must be 0 (none) or positive, got " + ttlMillis + " ms");
        }
    }

    public boolean hasTtl() {
        return ttlMillis > 0;
    }

    boolean expired(SourceEvent waiting, long now) {
        return waiting.timestamp() + ttlMillis <= now;
    }
}
