package dev.pairing.schemas.codec;

import java.nio.charset.StandardCharsets;

/**
 * The record key for a complement class: its number as decimal text. The producer keys raw records
 * with it and both runners key their outputs with it, so Kafka's default partitioner places a class
 * in the same partition everywhere, and a person reading a topic sees which class a record is.
 */
public final class ComplementClassKey {

    private ComplementClassKey() {}

    public static byte[] encode(int complementClass) {
        return Integer.toString(complementClass).getBytes(StandardCharsets.US_ASCII);
    }

    /** The class in a key, or -1 when the key is not one. */
    public static int decode(byte[] key) {
        if (key == null || key.length == 0 || key.length > 10) {
            return -1;
        }
        int value = 0;
        for (byte b : key) {
            if (b < '0' || b > '9') {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return value < 0 ? -1 : value;
    }
}
