package dev.pairing.core.matching;

/** Why a valid number left pending state without a partner. Wire names: add, never rename. */
public enum UnpairedReason {
    /** Its class already held the maximum of pending events; the oldest makes room. */
    EVICTED,
    /** It waited longer than the pending time-to-live, in event time. */
    EXPIRED
}
