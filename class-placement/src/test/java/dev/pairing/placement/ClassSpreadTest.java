package dev.pairing.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

class ClassSpreadTest {

    @Test
    void everyPartitionHoldsTheFloorOrTheCeilingOfTheClassesPerPartition() {
        for (int pairSum : new int[] {0, 1, 12, 13, 99, 2_000}) {
            int classes = pairSum / 2 + 1;
            for (int partitions = 1; partitions <= 16; partitions++) {
                int[] held = new int[partitions];
                for (int cls = 0; cls < classes; cls++) {
                    held[ClassSpread.partitionOf(cls, partitions)]++;
                }
                for (int count : held) {
                    assertThat(count).as("pairSum %d over %d partitions", pairSum, partitions)
                            .isBetween(classes / partitions, (classes + partitions - 1) / partitions);
                }
            }
        }
    }

    /** The figures the class's javadoc quotes: numbers uniform in 0..12, each number its class's share. */
    @Test
    void theLargestPartitionsShareOfPairSum12IsTheBestWholeClassesAllow() {
        assertThat(largestShare(2, false)).isEqualTo(7);
        assertThat(largestShare(3, false)).isEqualTo(5);
        assertThat(largestShare(4, false)).isEqualTo(4);
        // Kafka's default partitioner on the same keys: classes 0, 2 and 3 share a partition at 3
        assertThat(largestShare(2, true)).isEqualTo(7);
        assertThat(largestShare(3, true)).isEqualTo(6);
        assertThat(largestShare(4, true)).isEqualTo(4);
        assertThat(largestShare(5, true)).isEqualTo(7);
    }

    @Test
    void aPartitionCountBelowOneIsRefused() {
        assertThatThrownBy(() -> ClassSpread.partitionOf(3, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClassSpread.partitionOf(-1, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Of the 13 numbers 0..12, how many the fullest partition gets. */
    private static int largestShare(int partitions, boolean hashed) {
        int[] numbers = new int[partitions];
        for (int n = 0; n <= 12; n++) {
            int cls = Math.min(n, 12 - n);
            int partition = hashed ? Utils.toPositive(Utils.murmur2(ClassKey.encode(cls))) % partitions
                    : ClassSpread.partitionOf(cls, partitions);
            numbers[partition]++;
        }
        return java.util.Arrays.stream(numbers).max().orElseThrow();
    }
}
