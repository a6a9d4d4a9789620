package dev.pairing.verify;

/** One broken promise, with the offsets that show it. */
public record Violation(Kind kind, String detail) {

    public enum Kind {
        /** An output record that is not what its topic holds. */
        UNREADABLE_OUTPUT,
        /** A pair whose numbers do not sum to pairSum, or whose low/high do not match its members. */
        WRONG_SUM,
        /** An output refers to a raw record that does not exist. */
        NO_SUCH_RAW_RECORD,
        /** An output's copy of a raw record differs from the raw record (value, timestamp, sequence). */
        PROVENANCE_MISMATCH,
        /** A rejected raw record appears in a pair or as unpaired. */
        INVALID_RECORD_USED,
        /** A raw record is accounted for more than once. */
        DUPLICATE,
        /** A valid raw record is on the dead-letter topic. */
        VALID_RECORD_IN_DLQ,
        /** A dead-letter record's reason or headers are not what the raw record deserves. */
        WRONG_DLQ_REASON,
        /** A dead-letter record's key or value bytes differ from its raw record's. */
        DLQ_BYTES_DIFFER,
        /** A truncated dead letter's original SHA-256 (of the value, or of a dropped key) is not its raw record's. */
        DLQ_HASH_MISMATCH,
        /** A rejected raw record is not on the dead-letter topic. */
        MISSING_FROM_DLQ,
        /** Complements both still pending in one class: a pair that was lost. */
        UNMATCHED_COMPLEMENTS,
        /** The pairs (or unpaired records) differ from what pairing-core computes for the input. */
        ORACLE_MISMATCH
    }
}
