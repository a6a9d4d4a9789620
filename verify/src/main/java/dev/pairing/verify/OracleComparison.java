package dev.pairing.verify;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.ComplementMatcher;
import dev.pairing.core.matching.MatchListener;
import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.core.matching.UnpairedReason;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * For class-keyed input, replays the raw topic through pairing-core and compares each class's pairs
 * with the engine's, one by one and in order: the k-th pair pairing-core computes must be the
 * engine's k-th, which the ledger's ordinals of its two members say. Unpaired records are compared too when there is no
 * TTL; with a TTL an engine may expire an idle class's numbers on its own clock (stream time,
 * watermark), which input order alone does not determine.
 */
final class OracleComparison implements MatchListener {

    private final VerifyConfig config;
    private final RawLedger ledger;
    private final int[] enginePairs;
    private final int[] engineUnpaired;
    private final VerifyReport report;
    private final ComplementMatcher matcher;
    private final Map<Integer, Integer> pairCursor = new HashMap<>();
    private final Map<Integer, Integer> unpairedCursor = new HashMap<>();
    private final Set<Integer> diverged = new HashSet<>();

    OracleComparison(VerifyConfig config, PairingRules rules, RawLedger ledger, HeapBudget budget, int[] enginePairs,
            int[] engineUnpaired, VerifyReport report) {
        this.config = config;
        this.ledger = ledger;
        this.enginePairs = enginePairs;
        this.engineUnpaired = engineUnpaired;
        this.report = report;
        this.matcher = new ComplementMatcher(rules, config.limits(), new ReplayQueues(ledger, budget));
    }

    void run() {
        ledger.forEach((partition, offset, kind, use) -> {
            if (kind == RawLedger.VALID) {
                matcher.onEvent(new SourceEvent(ledger.value(partition, offset), partition, offset,
                        ledger.timestamp(partition, offset), ledger.sequence(partition, offset)), this);
            }
        });
        for (int cls = 0; cls < matcher.rules().classCount(); cls++) {
            int engineCount = enginePairs[cls];
            int oracleCount = pairCursor.getOrDefault(cls, 0);
            if (!diverged.contains(cls) && engineCount != oracleCount) {
                mismatch(cls, "the engine wrote " + engineCount + " pairs, pairing-core computes " + oracleCount);
            }
            if (comparesUnpaired() && !diverged.contains(cls)
                    && engineUnpaired[cls] != unpairedCursor.getOrDefault(cls, 0)) {
                mismatch(cls, "the engine wrote " + engineUnpaired[cls] + " unpaired, pairing-core computes "
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
        long first = RawLedger.pack(pair.first().partition(), pair.first().offset());
        long second = RawLedger.pack(pair.second().partition(), pair.second().offset());
        if (enginePairs[cls] <= index) {
            mismatch(cls, "pair #" + (index + 1) + " " + describe(first) + " + " + describe(second) + " is missing");
        } else if (!hasOrdinal(first, RawLedger.Use.PAIR, 2 * index) || !hasOrdinal(second, RawLedger.Use.PAIR, 2 * index + 1)) {
            mismatch(cls, "pair #" + (index + 1) + " should be " + describe(first) + " + " + describe(second)
                    + ", but the engine has " + describe(first) + " " + engineRole(first) + " and " + describe(second)
                    + " " + engineRole(second));
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
        long position = RawLedger.pack(unpaired.event().partition(), unpaired.event().offset());
        if (!hasOrdinal(position, RawLedger.Use.UNPAIRED,
                index * UnpairedReason.values().length + unpaired.reason().ordinal())) {
            mismatch(cls, "unpaired #" + (index + 1) + " should be " + describe(position) + " " + unpaired.reason());
        }
    }

    private boolean comparesUnpaired() {
        return !config.limits().hasTtl();
    }

    private void mismatch(int cls, String detail) {
        diverged.add(cls);
        report.violation(Violation.Kind.ORACLE_MISMATCH, "class " + cls + ": " + detail
                + " (later differences in this class are not listed)");
    }

    private boolean hasOrdinal(long packed, RawLedger.Use use, int ordinal) {
        int partition = RawLedger.partitionOf(packed);
        long offset = RawLedger.offsetOf(packed);
        return ledger.useOf(partition, offset) == use && ledger.ordinal(partition, offset) == ordinal;
    }

    /** Where the engine put a raw record, as the ledger's use and ordinal say. */
    private String engineRole(long packed) {
        int partition = RawLedger.partitionOf(packed);
        long offset = RawLedger.offsetOf(packed);
        RawLedger.Use use = ledger.useOf(partition, offset);
        int ordinal = ledger.ordinal(partition, offset);
        if (use == RawLedger.Use.PAIR && ordinal != RawLedger.NO_ORDINAL) {
            return (ordinal % 2 == 0 ? "first" : "second") + " in its pair #" + (ordinal / 2 + 1);
        }
        return use == RawLedger.Use.NONE ? "pending" : use.name().toLowerCase();
    }

    private static String describe(long packed) {
        return "p" + RawLedger.partitionOf(packed) + "@" + RawLedger.offsetOf(packed);
    }
}
