package dev.pairing.core.matching;

import java.util.ArrayList;
import java.util.List;

/** Records the matcher's decisions in order, as one list of outcomes. */
final class Recorder implements MatchListener {

    final List<Object> outcomes = new ArrayList<>();

    @Override
    public void onPair(Pair pair) {
        outcomes.add(pair);
    }

    @Override
    public void onUnpaired(Unpaired unpaired) {
        outcomes.add(unpaired);
    }

    List<Pair> pairs() {
        return outcomes.stream().filter(Pair.class::isInstance).map(Pair.class::cast).toList();
    }

    List<Unpaired> unpaired() {
        return outcomes.stream().filter(Unpaired.class::isInstance).map(Unpaired.class::cast).toList();
    }
}
