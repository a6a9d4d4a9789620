package dev.pairing.streams.matching;

/**
 * What the pairing processor emits: an encoded output record and which topic it belongs on. The
 * value is already the final Avro bytes, so the sinks only route.
 */
public record MatchOutcome(Kind kind, byte[] value) {

    public enum Kind { PAIR, UNPAIRED }

    public boolean isPair() {
        return kind == Kind.PAIR;
    }
}
