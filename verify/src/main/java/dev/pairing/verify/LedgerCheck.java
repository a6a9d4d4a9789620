package dev.pairing.verify;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.UnpairedReason;
import dev.pairing.core.validation.NumberValidator;
import dev.pairing.core.validation.Verdict;
import dev.pairing.schemas.avro.NumberPair;
import dev.pairing.schemas.avro.SourceEvent;
import dev.pairing.schemas.avro.UnpairedNumber;
import dev.pairing.schemas.codec.OutputReader;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.schemas.deadletter.DeadLetter;
import dev.pairing.schemas.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Checks a pipeline's topics against its raw topic: every raw record accounted for exactly once (a
 * pair member, a dead letter, an unpaired record, or pending), each output true to its raw record,
 * and, when every complement class lives in one raw partition, the exact pairs recomputed with
 * pairing-core. Meant for a pipeline that has caught up with its input: records it has not read yet
 * count as pending, and rejected ones as missing from the dead-letter topic.
 */
public final class LedgerCheck {

    private static final int MIXED = -2;

    private final VerifyConfig config;
    private final RecordSource source;
    private final PairingRules rules;
    private final VerifyReport report = new VerifyReport();
    private final RawLedger ledger;
    /** Per class: the raw partition its valid records are in, -1 none yet, MIXED several. */
    private final int[] classPartition;
    private final HeapBudget budget;
    /**
     * Per class, how many pairs and unpaired records the engine wrote. Each output's members get
     * their place in that order as ledger ordinals (a pair's first member 2k, its second 2k + 1; an
     * unpaired record k * reasons + reason), so the oracle's replay can compare without lists.
     */
    private final int[] enginePairs;
    private final int[] engineUnpaired;

    public LedgerCheck(VerifyConfig config, RecordSource source) {
        this(config, source, new HeapBudget(config.maxRecords()));
    }

    LedgerCheck(VerifyConfig config, RecordSource source, HeapBudget budget) {
        this.config = config;
        this.source = source;
        this.rules = new PairingRules(config.pairSum());
        this.budget = budget;
        budget.charge(12L * rules.classCount(), "counters for " + rules.classCount() + " complement classes");
        this.ledger = new RawLedger(budget);
        this.classPartition = new int[rules.classCount()];
        this.enginePairs = new int[rules.classCount()];
        this.engineUnpaired = new int[rules.classCount()];
        java.util.Arrays.fill(classPartition, -1);
    }

    public VerifyReport run() {
        readRaw();
        readDeadLetters();
        readPairs();
        readUnpaired();
        sweep();
        report.classKeyed = report.valid > 0 && java.util.Arrays.stream(classPartition).noneMatch(p -> p == MIXED);
        if (report.classKeyed) {
            new OracleComparison(config, rules, ledger, budget, enginePairs, engineUnpaired, report).run();
        }
        return report;
    }

    private void readRaw() {
        RawValueCodec codec = config.rawCodec();
        NumberValidator validator = new NumberValidator(rules);
        source.forEach(config.rawTopic(), record -> {
            report.raw++;
            Verdict verdict = validator.validate(codec.decode(record.value()));
            if (verdict instanceof Verdict.Accepted valid) {
                report.valid++;
                ledger.addValid(record.partition(), record.offset(), record.timestamp(), valid.value(), valid.sequence());
                int cls = rules.complementClass(valid.value());
                int seen = classPartition[cls];
                classPartition[cls] = seen == -1 || seen == record.partition() ? record.partition() : MIXED;
            } else {
                Verdict.Rejected rejected = (Verdict.Rejected) verdict;
                report.rejected.merge(rejected.reason(), 1L, Long::sum);
                ledger.addRejected(record.partition(), record.offset(), record.timestamp(), rejected.reason(),
                        record.key(), record.value());
            }
        });
    }

    private void readDeadLetters() {
        RawValueCodec codec = config.rawCodec();
        NumberValidator validator = new NumberValidator(rules);
        source.forEach(config.deadLetterTopic(), record -> {
            report.deadLetters++;
            String where = "dead letter " + record.position();
            DeadLetter letter;
            try {
                letter = DeadLetter.fromHeaders(record.lastHeader());
            } catch (IllegalArgumentException e) {
                report.violation(Violation.Kind.UNREADABLE_OUTPUT, where + ": " + e.getMessage());
                return;
            }
            report.deadLettersByReason.merge(letter.reason(), 1L, Long::sum);
            int p = letter.partition();
            long o = letter.offset();
            String raw = "raw p" + p + "@" + o;
            if (!config.rawTopic().equals(letter.topic()) || !ledger.exists(p, o)) {
                report.violation(Violation.Kind.NO_SUCH_RAW_RECORD, where + " names " + letter.topic() + " " + raw
                        + ", which is not in " + config.rawTopic());
                return;
            }
            if (ledger.isValid(p, o)) {
                report.violation(Violation.Kind.VALID_RECORD_IN_DLQ, where + " holds " + raw + ", a valid number "
                        + ledger.value(p, o));
                return;
            }
            if (record.lastHeader().apply(DeadLetterHeaders.TRUNCATED) != null) {
                checkTruncated(record, letter, p, o, where, raw);
                account(p, o, RawLedger.Use.DLQ, where);
                return;
            }
            Verdict.Rejected expected = (Verdict.Rejected) validator.validate(codec.decode(record.value()));
            if (letter.reason() != ledger.rejectReason(p, o) || letter.timestamp() != ledger.timestamp(p, o)
                    || !letter.reason().equals(expected.reason()) || !letter.detail().equals(expected.detail())) {
                report.violation(Violation.Kind.WRONG_DLQ_REASON, where + " says " + letter.reason() + " ("
                        + letter.detail() + ") for " + raw + ", which is " + ledger.rejectReason(p, o));
            }
            if (!ledger.sameBytes(p, o, record.key(), record.value())) {
                report.violation(Violation.Kind.DLQ_BYTES_DIFFER, where + ": key or value bytes differ from " + raw);
            }
            account(p, o, RawLedger.Use.DLQ, where);
        });
    }

    /**
     * A dead letter cut to fit its topic: what is left of the value no longer decodes as the raw
     * record did, so the reason is checked against the raw record, and the copy through the hashes
     * it carries of what it could not hold.
     */
    private void checkTruncated(TopicRecord record, DeadLetter letter, int p, long o, String where, String raw) {
        report.truncatedDeadLetters++;
        if (letter.reason() != ledger.rejectReason(p, o) || letter.timestamp() != ledger.timestamp(p, o)) {
            report.violation(Violation.Kind.WRONG_DLQ_REASON, where + " says " + letter.reason() + " for " + raw
                    + ", which is " + ledger.rejectReason(p, o));
        }
        byte[] keyHash = hashHeader(record, DeadLetterHeaders.ORIGINAL_KEY_SHA256);
        byte[] valueHash = hashHeader(record, DeadLetterHeaders.ORIGINAL_SHA256);
        if (!ledger.sameHashes(p, o, keyHash != null ? keyHash : RawLedger.hash(record.key()),
                valueHash != null ? valueHash : RawLedger.hash(record.value()))) {
            report.violation(Violation.Kind.DLQ_HASH_MISMATCH, where + ": truncated, and its original SHA-256 "
                    + text(record, DeadLetterHeaders.ORIGINAL_SHA256) + " (key "
                    + text(record, DeadLetterHeaders.ORIGINAL_KEY_SHA256) + ") is not that of " + raw);
        }
    }

    /** The hash a hex header holds; an unreadable one reads as no hash, which then matches nothing. */
    private static byte[] hashHeader(TopicRecord record, String name) {
        byte[] hex = record.lastHeader().apply(name);
        if (hex == null) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(new String(hex, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static String text(TopicRecord record, String name) {
        byte[] value = record.lastHeader().apply(name);
        return value == null ? "none" : new String(value, StandardCharsets.UTF_8);
    }

    private void readPairs() {
        OutputReader reader = config.outputReader();
        source.forEach(config.enrichedTopic(), record -> {
            report.pairs++;
            String where = "pair " + record.position();
            NumberPair pair;
            try {
                pair = reader.pair(record.value());
            } catch (RuntimeException e) {
                report.violation(Violation.Kind.UNREADABLE_OUTPUT, where + " is not a NumberPair: " + e.getMessage());
                return;
            }
            SourceEvent first = pair.getFirst();
            SourceEvent second = pair.getSecond();
            if (pair.getPairSum() != config.pairSum() || first.getValue() + second.getValue() != config.pairSum()
                    || pair.getLow() != Math.min(first.getValue(), second.getValue())
                    || pair.getHigh() != Math.max(first.getValue(), second.getValue())) {
                report.violation(Violation.Kind.WRONG_SUM, where + ": " + first.getValue() + " + " + second.getValue()
                        + " (low " + pair.getLow() + ", high " + pair.getHigh() + ", pairSum " + pair.getPairSum()
                        + ") does not make " + config.pairSum());
                return;
            }
            boolean firstOk = member(first, where, RawLedger.Use.PAIR);
            boolean secondOk = member(second, where, RawLedger.Use.PAIR);
            if (firstOk && secondOk) {
                int k = next(enginePairs, rules.complementClass(first.getValue()), 2);
                ledger.setOrdinal(first.getPartition(), first.getOffset(), 2 * k);
                ledger.setOrdinal(second.getPartition(), second.getOffset(), 2 * k + 1);
            }
        });
    }

    private void readUnpaired() {
        OutputReader reader = config.outputReader();
        source.forEach(config.unpairedTopic(), record -> {
            String where = "unpaired " + record.position();
            UnpairedNumber unpaired;
            try {
                unpaired = reader.unpaired(record.value());
            } catch (RuntimeException e) {
                report.violation(Violation.Kind.UNREADABLE_OUTPUT, where + " is not an UnpairedNumber: " + e.getMessage());
                return;
            }
            UnpairedReason reason = UnpairedReason.valueOf(unpaired.getReason().name());
            report.unpaired.merge(reason, 1L, Long::sum);
            SourceEvent event = unpaired.getEvent();
            if (member(event, where, RawLedger.Use.UNPAIRED)) {
                int k = next(engineUnpaired, rules.complementClass(event.getValue()), UnpairedReason.values().length);
                ledger.setOrdinal(event.getPartition(), event.getOffset(),
                        k * UnpairedReason.values().length + reason.ordinal());
            }
        });
    }

    /** The next output number of a class, whose ordinals (number times {@code width}) must fit an int. */
    private static int next(int[] counts, int cls, int width) {
        if (counts[cls] >= Integer.MAX_VALUE / width) {
            throw new VerifyException("class " + cls + " has more outputs than verify can number");
        }
        return counts[cls]++;
    }

    /** Checks an output's copy of a raw event and accounts for it; false when it is not a valid raw record. */
    private boolean member(SourceEvent event, String where, RawLedger.Use use) {
        int p = event.getPartition();
        long o = event.getOffset();
        String raw = "raw p" + p + "@" + o;
        if (!ledger.exists(p, o)) {
            report.violation(Violation.Kind.NO_SUCH_RAW_RECORD, where + " names " + raw + ", which does not exist");
            return false;
        }
        if (!ledger.isValid(p, o)) {
            report.violation(Violation.Kind.INVALID_RECORD_USED, where + " uses " + raw + ", which was rejected as "
                    + ledger.rejectReason(p, o));
            return false;
        }
        if (ledger.value(p, o) != event.getValue() || ledger.timestamp(p, o) != event.getTimestamp()
                || !Objects.equals(ledger.sequence(p, o), event.getSequence())) {
            report.violation(Violation.Kind.PROVENANCE_MISMATCH, where + " says " + raw + " is " + event.getValue()
                    + " at " + event.getTimestamp() + " seq " + event.getSequence() + "; the raw record is "
                    + ledger.value(p, o) + " at " + ledger.timestamp(p, o) + " seq " + ledger.sequence(p, o));
        }
        return account(p, o, use, where);
    }

    private boolean account(int partition, long offset, RawLedger.Use use, String where) {
        RawLedger.Use before = ledger.use(partition, offset, use);
        if (before != RawLedger.Use.NONE) {
            report.violation(Violation.Kind.DUPLICATE, where + " accounts again for raw p" + partition + "@" + offset
                    + ", already accounted for as " + before);
            return false;
        }
        report.accounted++;
        return true;
    }

    /** What is left: valid records are pending (one side per class at most), rejected ones are missing. */
    private void sweep() {
        long[][] pendingByClass = new long[rules.classCount()][2];
        ledger.forEach((partition, offset, kind, use) -> {
            if (use != RawLedger.Use.NONE) {
                return;
            }
            if (kind == RawLedger.VALID) {
                report.pending++;
                report.accounted++;
                long value = ledger.value(partition, offset);
                int cls = rules.complementClass(value);
                pendingByClass[cls][value == cls ? 0 : 1]++;
                report.pendingByClass.merge(cls, 1L, Long::sum);
            } else {
                report.violation(Violation.Kind.MISSING_FROM_DLQ, "raw p" + partition + "@" + offset + " was rejected as "
                        + ledger.rejectReason(partition, offset) + " but is not on " + config.deadLetterTopic());
            }
        });
        for (int cls = 0; cls < pendingByClass.length; cls++) {
            long low = pendingByClass[cls][0];
            long high = pendingByClass[cls][1];
            boolean selfClass = 2L * cls == config.pairSum();
            if ((low > 0 && high > 0) || (selfClass && low > 1)) {
                report.violation(Violation.Kind.UNMATCHED_COMPLEMENTS, "class " + cls + " has " + low + " x " + cls
                        + (selfClass ? "" : " and " + high + " x " + (config.pairSum() - cls))
                        + " pending: complements that never paired");
            }
        }
    }
}
