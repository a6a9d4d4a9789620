package dev.pairing.core.matching;

/**
 * Receives what the matcher decides, in decision order. Engines forward to their outputs here;
 * a callback instead of a returned list keeps the per-event path free of collections.
 */
public interface MatchListener {

    void onPair(Pair pair);

    void onUnpaired(Unpaired unpaired);
}
