package dev.pairing.core.validation;

/** The validator's decision on one raw record. */
public sealed interface Verdict {

    /**
     * A valid number.
     *
     * @param value    the number, in {@code 0..pairSum}
     * @param sequence the producer's sequence number, or null
     */
    record Accepted(long value, Long sequence) implements Verdict {}

    /**
     * A record that goes to the dead-letter topic.
     *
     * @param reason why
     * @param detail what exactly, for people
     */
    record Rejected(RejectReason reason, String detail) implements Verdict {}
}
