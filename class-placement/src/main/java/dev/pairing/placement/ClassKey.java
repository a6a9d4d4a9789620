package dev.pairing.placement;

import java.nio.charset.StandardCharsets;

/**
 * The record key of a complement class: its number as decimal text. The producer keys raw records
 * with it and both runners key their outputs with it, so a class lands in the same partition of
 * every topic, and a person reading a topic sees which class a record is.
 */
public final class ClassKey {

    /** The longest key {@link #decode} reads: {@code Integer.MAX_VALUE} has ten digits. */
    private static final int MAX_DIGITS = 10;

    private ClassKey() {}

    /**
     * The key of a class, as a new array.
     *
     * @param complementClass the class, 0 or more
     * @return its decimal digits in ASCII
     */
    public static byte[] encode(int complementClass) {
        return Integer.toString(complementClass).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The class a key names.
     *
     * @param key a record key, possibly null
     * @return the class, or -1 when the key is not a run of at most ten decimal digits within the int range
     */
    public static int decode(byte[] key) {
        if (key == null || key.length == 0 || key.length > MAX_DIGITS) {
            return -1;
        }
        long value = 0;
        for (byte b : key) {
            if (b < '0' || b > '9') {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return value > Integer.MAX_VALUE ? -1 : (int) value;
    }
}
