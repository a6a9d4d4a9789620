package dev.pairing.testkit.store;

import dev.pairing.core.matching.Pair;
import java.util.List;

/** What one run of the matcher decided (pairs and unpaired records in order) and left pending per class. */
record MatchRecord(List<Object> decisions, List<Long> pendingPerClass) {

    long pairs() {
        return decisions.stream().filter(Pair.class::isInstance).count();
    }
}
