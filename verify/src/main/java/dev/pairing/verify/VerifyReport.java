package dev.pairing.verify;

import dev.pairing.core.matching.UnpairedReason;
import dev.pairing.core.validation.RejectReason;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Counts per category and every violation found; prints as a table. */
public final class VerifyReport {

    /** Violations kept in full per kind; the rest are counted. */
    static final int SHOWN_PER_KIND = 20;

    long raw;
    long valid;
    final Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
    long pairs;
    long deadLetters;
    /** The dead letters on the topic by the reason their headers give. */
    final Map<RejectReason, Long> deadLettersByReason = new EnumMap<>(RejectReason.class);
    /** Dead letters cut to fit their topic, checked by the hashes they carry. */
    long truncatedDeadLetters;
    final Map<UnpairedReason, Long> unpaired = new EnumMap<>(UnpairedReason.class);
    long pending;
    /** The pending valid records per complement class, classes with none left out. */
    final Map<Integer, Long> pendingByClass = new TreeMap<>();
    long accounted;
    boolean classKeyed;
    long oraclePairsCompared;
    boolean unpairedCompared;
    private final Map<Violation.Kind, Long> violationCounts = new EnumMap<>(Violation.Kind.class);
    private final List<Violation> shown = new ArrayList<>();

    void violation(Violation.Kind kind, String detail) {
        long count = violationCounts.merge(kind, 1L, Long::sum);
        if (count <= SHOWN_PER_KIND) {
            shown.add(new Violation(kind, detail));
        }
    }

    public boolean ok() {
        return violationCounts.isEmpty();
    }

    public long raw() {
        return raw;
    }

    public long pairs() {
        return pairs;
    }

    public long deadLetters() {
        return deadLetters;
    }

    public long unpaired() {
        return unpaired.values().stream().mapToLong(Long::longValue).sum();
    }

    public long pending() {
        return pending;
    }

    /** The dead letters on the dead-letter topic by the reason they carry, reasons with none left out. */
    public Map<RejectReason, Long> deadLettersByReason() {
        return Map.copyOf(deadLettersByReason);
    }

    /** Dead letters cut to fit their topic. */
    public long truncatedDeadLetters() {
        return truncatedDeadLetters;
    }

    /** The unpaired records by reason, reasons with none left out. */
    public Map<UnpairedReason, Long> unpairedByReason() {
        return Map.copyOf(unpaired);
    }

    /** The valid records still pending, by complement class; classes with none left out. */
    public Map<Integer, Long> pendingByClass() {
        return Map.copyOf(pendingByClass);
    }

    public boolean classKeyed() {
        return classKeyed;
    }

    public long violations(Violation.Kind kind) {
        return violationCounts.getOrDefault(kind, 0L);
    }

    public List<Violation> shownViolations() {
        return List.copyOf(shown);
    }

    /**
     * True when every violation is of one of {@code tolerated}'s kinds, e.g. the duplicates (and the
     * pairs they displace) that at-least-once processing allows after a crash.
     */
    public boolean okExcept(Set<Violation.Kind> tolerated) {
        return violationCounts.keySet().stream().allMatch(tolerated::contains);
    }

    public void print(PrintStream out, VerifyConfig config) {
        print(out, config, Set.of(), "");
    }

    /**
     * Prints the report; violations of the {@code tolerated} kinds are listed as what {@code because}
     * allows instead of failing the result.
     */
    public void print(PrintStream out, VerifyConfig config, Set<Violation.Kind> tolerated, String because) {
        out.printf("verify  %s -> %s, %s, %s   pairSum %d%n", config.rawTopic(), config.enrichedTopic(),
                config.deadLetterTopic(), config.unpairedTopic(), config.pairSum());
        row(out, "raw records", raw);
        row(out, "  valid", valid);
        long rejectedTotal = rejected.values().stream().mapToLong(Long::longValue).sum();
        row(out, "  rejected", rejectedTotal);
        rejected.forEach((reason, n) -> row(out, "    " + reason, n));
        row(out, "pairs", pairs);
        row(out, "  members", 2 * pairs);
        row(out, "dead letters", deadLetters);
        if (truncatedDeadLetters > 0) {
            row(out, "  truncated to fit", truncatedDeadLetters);
        }
        row(out, "unpaired", unpaired());
        unpaired.forEach((reason, n) -> row(out, "  " + reason, n));
        row(out, "pending", pending);
        out.printf("  %-26s %,14d / %,d%n", "accounted for", accounted, raw);
        if (classKeyed) {
            out.printf("  %-26s %s%n", "exact pairs (class-keyed)", "recomputed with pairing-core: "
                    + oraclePairsCompared + " pairs compared" + (unpairedCompared ? ", unpaired compared" : ""));
        } else {
            out.printf("  %-26s %s%n", "exact pairs", "not recomputed: some class spans several raw partitions");
        }
        if (ok()) {
            out.println("RESULT: OK, every raw record is accounted for exactly once");
            return;
        }
        long total = violationCounts.values().stream().mapToLong(Long::longValue).sum();
        boolean tolerable = okExcept(tolerated);
        if (tolerable) {
            out.printf("ALLOWED BY %s: %,d%n", because.toUpperCase(Locale.ROOT), total);
        } else {
            out.printf("VIOLATIONS: %,d%n", total);
        }
        violationCounts.forEach((kind, n) -> out.printf("  %-26s %,14d%n", kind, n));
        for (Violation v : shown) {
            out.printf("  %s: %s%n", v.kind(), v.detail());
        }
        if (shown.size() < total) {
            out.printf("  (%,d more not shown; at most %d per kind)%n", total - shown.size(), SHOWN_PER_KIND);
        }
        out.println(tolerable ? "RESULT: OK for " + because + ": nothing lost, " + violations(Violation.Kind.DUPLICATE)
                + " duplicate accountings" : "RESULT: FAILED");
    }

    private static void row(PrintStream out, String label, long n) {
        out.printf("  %-26s %,14d%n", label, n);
    }
}
