package dev.pairing.core.validation;

/** The validator's decision on one raw record. */
public sealed interface Verdict {

    record Accepted(long value, Long sequence) implements Verdict {}

    record Rejected(RejectReason reason, String detail) implements Verdict {}
}
