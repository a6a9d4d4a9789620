package com.example.pairing;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.ComplementMatcher;
import dev.pairing.core.matching.MatchListener;
import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.matching.Unpaired;
import java.util.ArrayList;
import java.util.List;

/** A service that pairs numbers to 12 as they arrive, on its own storage, with no Kafka at all. */
public final class PairingService implements MatchListener {

    private final ComplementMatcher matcher =
            new ComplementMatcher(new PairingRules(12), PendingLimits.DEFAULT, new TablePendingStore());
    private final List<Pair> pairs = new ArrayList<>();
    private long received;

    /** Takes one number in 0..12 (validation is the caller's) and returns the pairs it completed. */
    public List<Pair> accept(long number, long timestamp) {
        pairs.clear();
        matcher.onEvent(new SourceEvent(number, 0, received++, timestamp, null), this);
        return List.copyOf(pairs);
    }

    @Override
    public void onPair(Pair pair) {
        pairs.add(pair);
    }

    @Override
    public void onUnpaired(Unpaired unpaired) {
        // with the default limits and no TTL nothing leaves unpaired
    }
}
