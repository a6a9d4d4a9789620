package dev.pairing.core.validation;

/**
 * What a codec made of a raw value: a number (with the producer's sequence number when the record
 * carried one) or a failure with its reason. Engine- and format-neutral on purpose: the core never
 * sees bytes.
 */
public sealed interface Decoded {

    static Decoded number(long value, Long sequence) {
        return new Number(value, sequence);
    }

    static Decoded failure(RejectReason reason, String detail) {
        return new Failure(reason, detail);
    }

    /** @param sequence the producer's sequence number, or null when the record had none */
    record Number(long value, Long sequence) implements Decoded {}

    record Failure(RejectReason reason, String detail) implements Decoded {
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
