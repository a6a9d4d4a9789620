package dev.pairing.core.matching;

/**
 * Two events whose numbers sum to pairSum.
 *
 * @param first  the event that waited (the earlier one)
 * @param second the event that arrived and completed the pair
 */
public record Pair(SourceEvent first, SourceEvent second) {

    /**
     * The smaller number.
     *
     * @return {@code min(first, second)}
     */
    public long low() {
        return Math.min(first.value(), second.value());
    }

    /**
     * The larger number.
     *
     * @return {@code max(first, second)}
     */
    public long high() {
        return Math.max(first.value(), second.value());
    }
}
