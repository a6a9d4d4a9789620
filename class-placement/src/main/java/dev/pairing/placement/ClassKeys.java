package dev.pairing.placement;

/**
 * The keys of a pairSum's classes, made once: every pair, unpaired number and class-keyed event
 * carries one, and encoding it per record was a string and an array each. The arrays are shared:
 * callers hand them to Kafka, which copies them into its batches, and never change them.
 */
public final class ClassKeys {

    /** Classes above it are encoded per call: a pairSum of a billion has half a billion classes. */
    static final int TABLE_LIMIT = 1 << 16;

    private final byte[][] table;

    /**
     * The keys of classes {@code 0 .. classCount - 1}.
     *
     * @param classCount how many classes there are ({@code pairSum / 2 + 1}), at least 1
     */
    public ClassKeys(int classCount) {
        if (classCount < 1) {
            throw new IllegalArgumentException("there is at least one class, got " + classCount);
        }
        table = new byte[Math.min(classCount, TABLE_LIMIT)][];
        for (int cls = 0; cls < table.length; cls++) {
            table[cls] = ClassKey.encode(cls);
        }
    }

    /**
     * The key of a class; do not modify the array.
     *
     * @param complementClass a class, 0 or more
     * @return the same bytes as {@link ClassKey#encode}, shared for the classes the table holds
     */
    public byte[] of(int complementClass) {
        return complementClass < table.length ? table[complementClass] : ClassKey.encode(complementClass);
    }
}
