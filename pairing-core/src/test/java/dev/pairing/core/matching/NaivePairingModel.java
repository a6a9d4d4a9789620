package dev.pairing.core.matching;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules restated as plainly as possible (one list, scanned), written apart from the matcher so
 * the property tests compare two independent readings of the same rules.
 */
final class NaivePairingModel {

    private final int pairSum;
    private final long maxPendingPerClass;
    private final long ttlMillis;
    private final List<SourceEvent> waiting = new ArrayList<>();
    final List<Object> outcomes = new ArrayList<>();

    NaivePairingModel(int pairSum, PendingLimits limits) {
        this.pairSum = pairSum;
        this.maxPendingPerClass = limits.maxPendingPerClass();
        this.ttlMillis = limits.ttlMillis();
    }

    private long classOf(long value) {
        return Math.min(value, pairSum - value);
    }

    void accept(SourceEvent event) {
        long cls = classOf(event.value());
        if (ttlMillis > 0) {
            // expire the class's oldest while they are due, in arrival order
            while (true) {
                SourceEvent oldest = oldestOfClass(cls);
                if (oldest == null || oldest.timestamp() + ttlMillis > event.timestamp()) {
                    break;
                }
                waiting.remove(oldest);
                outcomes.add(new Unpaired(oldest, UnpairedReason.EXPIRED));
            }
        }
        for (SourceEvent candidate : waiting) {
            if (candidate.value() + event.value() == pairSum) {
                waiting.remove(candidate);
                outcomes.add(new Pair(candidate, event));
                return;
            }
        }
        waiting.add(event);
        if (waiting.stream().filter(e -> classOf(e.value()) == cls).count() > maxPendingPerClass) {
            SourceEvent oldest = oldestOfClass(cls);
            waiting.remove(oldest);
            outcomes.add(new Unpaired(oldest, UnpairedReason.EVICTED));
        }
    }

    private SourceEvent oldestOfClass(long cls) {
        return waiting.stream().filter(e -> classOf(e.value()) == cls).findFirst().orElse(null);
    }

    int pendingCount() {
        return waiting.size();
    }
}
