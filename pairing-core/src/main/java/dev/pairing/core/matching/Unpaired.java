package dev.pairing.core.matching;

/** A valid number that left pending state without a partner. */
public record Unpaired(SourceEvent event, UnpairedReason reason) {}
