package dev.pairing.placement;

/**
 * Which partition a complement class lives in: class {@code c} in partition {@code c mod P}. The
 * producer's {@link ClassPartitioner} puts raw records there and the Streams runner expects them
 * there (and routes the numbers of its repartition topic the same way), so the two agree by calling
 * this one function.
 *
 * <p>Round robin over the class numbers gives every partition {@code floor(C / P)} or
 * {@code ceil(C / P)} of the {@code C = pairSum / 2 + 1} classes, as even as whole classes allow. For an
 * even pairSum the last class (the middle number) holds one value where the others hold two, and it
 * falls in one of the partitions with an extra class, which evens the load further. For pairSum 12 and
 * numbers uniform in 0..12 the largest partition gets 7/13 of the valid events at 2 partitions, 5/13 at
 * 3 and 4/13 at 4: no placement of whole classes does better. Kafka's default partitioner hashes
 * the key instead: the same shares at 2 and 4 partitions, but 6/13 at 3 (classes 0, 2 and 3 in one
 * partition) and 7/13 at 5.
 */
public final class ClassSpread {

    private ClassSpread() {}

    /**
     * The partition of a class.
     *
     * @param complementClass the class, 0 or more
     * @param partitions      the topic's partition count, at least 1
     * @return {@code complementClass mod partitions}
     */
    public static int partitionOf(int complementClass, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic has at least one partition, got " + partitions);
        }
        if (complementClass < 0) {
            throw new IllegalArgumentException("a class is 0 or more, got " + complementClass);
        }
        return complementClass % partitions;
    }
}
