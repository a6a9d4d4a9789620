package dev.pairing.core.matching;

/**
 * Receives what the matcher decides, in decision order. Engines forward to their outputs here;
 * a callback instead of a returned list keeps the per-event path free of collections.
 */
public interface MatchListener {

    /**
     * A waiting event found its complement.
     *
     * @param pair the waiting event first, then the arriving one
     */
    void onPair(Pair pair);

    /**
     * An event left pending state without a partner.
     *
     * @param unpaired the event and why
     */
    void onUnpaired(Unpaired unpaired);
}
