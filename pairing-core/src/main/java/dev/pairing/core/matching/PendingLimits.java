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

    /** The default maximum per class and no TTL. */
    public static final PendingLimits DEFAULT = new PendingLimits(DEFAULT_MAX_PENDING_PER_CLASS, 0);

    /**
     * Limits, checked.
     *
     * @param maxPendingPerClass at least 1
     * @param ttlMillis          0 (none) or positive
     * @throws IllegalArgumentException for values out of those ranges
     */
    public PendingLimits {
        if (maxPendingPerClass < 1) {
            throw new IllegalArgumentException("maxPendingPerClass must be at least 1, got " + maxPendingPerClass);
        }
        if (ttlMillis < 0) {
            throw new IllegalArgumentException("pending TTL must be 0 (none) or positive, got " + ttlMillis + " ms");
        }
    }

    /**
     * Whether events expire at all.
     *
     * @return true when a TTL is set
     */
    public boolean hasTtl() {
        return ttlMillis > 0;
    }

    boolean expired(SourceEvent waiting, long now) {
        return waiting.timestamp() + ttlMillis <= now;
    }
}
