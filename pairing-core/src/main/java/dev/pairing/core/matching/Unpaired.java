package dev.pairing.core.matching;

/**
 * A valid number that left pending state without a partner.
 *
 * @param event  the number and its provenance
 * @param reason evicted by the per-class limit or expired by the TTL
 */
public record Unpaired(SourceEvent event, UnpairedReason reason) {}
