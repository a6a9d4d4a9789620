package dev.pairing.core.validation;

/**
 * What a codec made of a raw value: a number (with the producer's sequence number when the record
 * carried one) or a failure with its reason. Engine- and format-neutral on purpose: the core never
 * sees bytes.
 */
public sealed interface Decoded {

    /**
     * A decoded number, valid or not.
     *
     * @param value    the number
     * @param sequence the producer's sequence number, or null
     * @return a {@link Number}
     */
    static Decoded number(long value, Long sequence) {
        return new Number(value, sequence);
    }

    /**
     * A value that is no number.
     *
     * @param reason why
     * @param detail what exactly, for people
     * @return a {@link Failure}
     */
    static Decoded failure(RejectReason reason, String detail) {
        return new Failure(reason, detail);
    }

    /**
     * A decoded number, not yet validated.
     *
     * @param value    the number
     * @param sequence the producer's sequence number, or null when the record had none
     */
    record Number(long value, Long sequence) implements Decoded {}

    /**
     * A value that is no number.
     *
     * @param reason why
     * @param detail what exactly, for people
     */
    record Failure(RejectReason reason, String detail) implements Decoded {
        /**
         * A failure that says why.
         *
         * @param reason why
         * @param detail what exactly, for people
         * @throws IllegalArgumentException without a reason or a detail
         */
        public Failure {
            if (reason == null || detail == null) {
                throw new IllegalArgumentException("a decode failure needs a reason and a detail");
            }
            if (reason == RejectReason.OUT_OF_RANGE && detail.isEmpty()) {
                throw new IllegalArgumentException("say which number was out of range");
            }
        }
    }
}
