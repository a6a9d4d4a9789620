package dev.pairing.core.matching;

/** Two events whose numbers sum to pairSum; {@code first} is the one that waited. */
public record Pair(SourceEvent first, SourceEvent second) {

    public long low() {
        return Math.min(first.value(), second.value());
    }

    public long high() {
        return Math.max(first.value(), second.value());
    }
}
