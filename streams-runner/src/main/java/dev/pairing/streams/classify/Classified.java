package dev.pairing.streams.classify;

import dev.pairing.core.matching.SourceEvent;

/** A raw record after validation: a number to pair, or a record for the dead-letter topic. */
public sealed interface Classified {

    /** A valid number with its place in the raw topic. */
    record Accepted(SourceEvent event) implements Classified {}

    /** A rejected record; its original value travels on untouched, unless cut to fit (the headers say so). */
    record Rejected(byte[] rawValue) implements Classified {}

    static boolean isAccepted(Object key, Classified value) {
        return value instanceof Accepted;
    }
}
