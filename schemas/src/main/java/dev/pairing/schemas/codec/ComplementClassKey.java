package dev.pairing.schemas.codec;

import dev.pairing.placement.ClassKey;

/**
 * The record key for a complement class: its number as decimal text. The producer keys raw records
 * with it and both runners key their outputs with it, so a class sits in the same partition
 * everywhere, and a person reading a topic sees which class a record is. Decided in
 * {@code class-placement}'s {@link ClassKey} (which a producer's partitioner reads without this
 * module); kept here for its callers.
 */
public final class ComplementClassKey {

    private ComplementClassKey() {}

    public static byte[] encode(int complementClass) {
        return ClassKey.encode(complementClass);
    }

    /** The class in a key, or -1 when the key is not one. */
    public static int decode(byte[] key) {
        return ClassKey.decode(key);
    }
}
