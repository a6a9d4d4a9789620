package dev.pairing.flink.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.Test;

/** Where the classes' keys land among Flink's key groups, and so among the subtasks. */
class KeyGroupClassKeysTest {

    private static final int KEY_GROUPS = 128;

    @Test
    void everyClassHasADistinctKeyInItsKeyGroupThatReadsBackAsTheClass() {
        for (int pairSum = 0; pairSum <= 600; pairSum++) {
            KeyGroupClassKeys keys = new KeyGroupClassKeys(pairSum);
            Set<Integer> seen = new HashSet<>();
            for (int c = 0; c < keys.classCount(); c++) {
                int key = keys.keyOf(c);
                assertThat(KeyGroupRangeAssignment.assignToKeyGroup(key, KEY_GROUPS))
                        .as("pairSum %d class %d", pairSum, c).isEqualTo(keys.keyGroupOf(c));
                assertThat(keys.classOf(key)).as("pairSum %d class %d", pairSum, c).isEqualTo(c);
                assertThat(keys.boxedKeyOf(c)).isEqualTo(key);
                assertThat(seen.add(key)).as("pairSum %d: class %d's key is unique", pairSum, c).isTrue();
            }
        }
    }

    @Test
    void theLargestPairSumStillGivesEveryClassItsOwnKey() {
        KeyGroupClassKeys keys = new KeyGroupClassKeys(1_000_000_000);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            int c = i < 10 ? keys.classCount() - 1 - i : random.nextInt(keys.classCount());
            int key = keys.keyOf(c);
            assertThat(KeyGroupRangeAssignment.assignToKeyGroup(key, KEY_GROUPS)).isEqualTo(keys.keyGroupOf(c));
            assertThat(keys.classOf(key)).isEqualTo(c);
        }
    }

    @Test
    void aKeyOfNoClassReadsBackAsNone() {
        KeyGroupClassKeys keys = new KeyGroupClassKeys(12);
        Set<Integer> classKeys = new HashSet<>();
        for (int c = 0; c < keys.classCount(); c++) {
            classKeys.add(keys.keyOf(c));
        }
        for (int key = -10_000; key <= 10_000; key++) {
            if (!classKeys.contains(key)) {
                assertThat(keys.classOf(key)).as("key %d", key).isEqualTo(-1);
            }
        }
        assertThatThrownBy(() -> keys.keyOf(7)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pairSum12AtParallelism2To4PutsAtMostTheFairestShareOfUniformNumbersOnOneSubtask() {
        KeyGroupClassKeys keys = new KeyGroupClassKeys(12);
        // the seven classes hold 2,2,2,2,2,2,1 of the 13 numbers: 7, 5 and 4 of 13 are the best splits
        assertThat(largestLoad(keys, 12, 2)).isEqualTo(7);
        assertThat(largestLoad(keys, 12, 3)).isEqualTo(5);
        assertThat(largestLoad(keys, 12, 4)).isEqualTo(4);
    }

    @Test
    void theClassNumbersAsKeysCrowdedPairSum12OntoOneSubtask() {
        // the keys before this placement: 10 of 13 numbers (classes 0, 1, 2, 3, 5) on one of two subtasks
        int[] load = new int[2];
        for (int c = 0; c <= 6; c++) {
            load[KeyGroupRangeAssignment.assignKeyToParallelOperator(c, KEY_GROUPS, 2)] += c == 6 ? 1 : 2;
        }
        assertThat(Math.max(load[0], load[1])).isEqualTo(10);
    }

    @Test
    void atAnyParallelismNoSubtaskGetsMoreThanAnEvenSplitPlusOneClassAndOneKeyGroup() {
        for (int pairSum = 0; pairSum <= 1_000; pairSum++) {
            KeyGroupClassKeys keys = new KeyGroupClassKeys(pairSum);
            int numbers = pairSum + 1;
            for (int p = 1; p <= KEY_GROUPS; p++) {
                double bound = (double) numbers / p + 2 + (double) numbers / KEY_GROUPS;
                assertThat((double) largestLoad(keys, pairSum, p)).as("pairSum %d, parallelism %d", pairSum, p)
                        .isLessThanOrEqualTo(bound);
            }
        }
    }

    /** The most valid numbers (each value once) whose classes one subtask gets. */
    private static int largestLoad(KeyGroupClassKeys keys, int pairSum, int parallelism) {
        int[] load = new int[parallelism];
        for (int c = 0; c < keys.classCount(); c++) {
            int subtask = KeyGroupRangeAssignment.assignKeyToParallelOperator(keys.keyOf(c), KEY_GROUPS, parallelism);
            load[subtask] += pairSum % 2 == 0 && c == pairSum / 2 ? 1 : 2;
        }
        int largest = 0;
        for (int l : load) {
            largest = Math.max(largest, l);
        }
        return largest;
    }
}
