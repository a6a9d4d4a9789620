package dev.pairing.verify;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.ComplementMatcher;
import dev.pairing.core.matching.InMemoryPendingStore;
import dev.pairing.core.matching.MatchListener;
import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.matching.Unpaired;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * For class-keyed input, replays the raw topic through pairing-core and compares each class's pairs
 * with the engine's, one by one and in order. Unpaired records are compared too when there is no
 * TTL; with a TTL an engine may expire an idle class's numbers on its own clock (stream time,
 * watermark), which input order alone does not determine.
 */
final class OracleComparison implements MatchListener {

    private final VerifyConfig config;
    private final RawLedger ledger;
    private final Map<Integer, LongList> enginePairs;
    private final Map<Integer, LongList> engineUnpaired;
    private final VerifyReport report;
    private final ComplementMatcher matcher;
    private final Map<Integer, Integer> pairCursor = new HashMap<>();
    private final Map<Integer, Integer> unpairedCursor = new HashMap<>();
    private final Set<Integer> diverged = new HashSet<>();

    OracleComparison(VerifyConfig config, PairingRules rules, RawLedger ledger, Map<Integer, LongList> enginePairs,
            Map<Integer, LongList> engineUnpaired, VerifyReport report) {
        this.config = config;
        this.ledger = ledger;
        this.enginePairs = enginePairs;
        this.engineUnpaired = engineUnpaired;
        this.report = report;
        this.matcher = new ComplementMatcher(rules, config.limits(), new InMemoryPendingStore());
    }

    void run() {
        ledger.forEach((partition, offset, kind, use) -> {
            if (kind == RawLedger.VALID) {
                matcher.onEvent(new SourceEvent(ledger.value(partition, offset), partition, offset,
                        ledger.timestamp(partition, offset), ledger.sequence(partition, offset)), this);
            }
        });
        for (int cls = 0; cls < matcher.rules().classCount(); cls++) {
            int engineCount = size(enginePairs, cls) / 2;
            int oracleCount = pairCursor.getOrDefault(cls, 0);
            if (!diverged.contains(cls) && engineCount != oracleCount) {
                mismatch(cls, "the engine wrote " + engineCount + " pairs, pairing-core computes " + oracleCount);
            }
            if (comparesUnpaired() && !diverged.contains(cls)
                    && size(engineUnpaired, cls) / 2 != unpairedCursor.getOrDefault(cls, 0)) {
                mismatch(cls, "the engine wrote " + size(engineUnpaired, cls) / 2 + " unpaired, pairing-core computes "
                        + unpairedCursor.getOrDefault(cls, 0));
            }
        }
        report.unpairedCompared = comparesUnpaired();
    }

    @Override
    public void onPair(Pair pair) {
        int cls = matcher.rules().complementClass(pair.first().value());
        int index = pairCursor.merge(cls, 1, Integer::sum) - 1;
        report.oraclePairsCompared++;
        if (diverged.contains(cls)) {
            return;
        }
        LongList engine = enginePairs.get(cls);
        long first = RawLedger.pack(pair.first().partition(), pair.first().offset());
        long second = RawLedger.pack(pair.second().partition(), pair.second().offset());
        if (engine == null || engine.size() <= 2 * index) {
            mismatch(cls, "pair #" + (index + 1) + " " + describe(first) + " + " + describe(second) + " is missing");
        } else if (engine.get(2 * index) != first || engine.get(2 * index + 1) != second) {
            mismatch(cls, "pair #" + (index + 1) + " should be " + describe(first) + " + " + describe(second)
                    + ", the engine wrote " + describe(engine.get(2 * index)) + " + " + describe(engine.get(2 * index + 1)));
        }
    }

    @Override
    public void onUnpaired(Unpaired unpaired) {
        if (!comparesUnpaired()) {
            return;
        }
        int cls = matcher.rules().complementClass(unpaired.event().value());
        int index = unpairedCursor.merge(cls, 1, Integer::sum) - 1;
        if (diverged.contains(cls)) {
            return;
        }
        LongList engine = engineUnpaired.get(cls);
        long position = RawLedger.pack(unpaired.event().partition(), unpaired.event().offset());
        if (engine == null || engine.size() <= 2 * index || engine.get(2 * index) != position
                || engine.get(2 * index + 1) != unpaired.reason().ordinal()) {
            mismatch(cls, "unpaired #" + (index + 1) + " should be " + describe(position) + " " + unpaired.reason());
        }
    }

    private boolean comparesUnpaired() {
        return !config.limits().hasTtl() && config.unpairedTopic() != null;
    }

    private void mismatch(int cls, String detail) {
        diverged.add(cls);
        report.violation(Violation.Kind.ORACLE_MISMATCH, "class " + cls + ": " + detail
                + " (later differences in this class are not listed)");
    }

    private static int size(Map<Integer, LongList> lists, int cls) {
        LongList list = lists.get(cls);
        return list == null ? 0 : list.size();
    }

    private static String describe(long packed) {
        return "p" + RawLedger.partitionOf(packed) + "@" + RawLedger.offsetOf(packed);
    }
}
