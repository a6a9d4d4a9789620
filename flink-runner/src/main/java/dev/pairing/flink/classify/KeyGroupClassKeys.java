package dev.pairing.flink.classify;

import java.io.Serializable;
import org.apache.flink.util.MathUtils;

/**
 * The Flink key of each complement class, chosen for the key group it lands in. Flink hashes a key
 * into one of the job's 128 key groups and gives each subtask a contiguous range of them, so with the
 * class numbers themselves as keys the seven classes of pairSum 12 fell where their hashes put them:
 * at parallelism 2, classes 0, 1, 2, 3 and 5 (77% of uniform input) shared one subtask.
 *
 * <p>Here each class gets the key group in the middle of its share of the numbers, laid out in class
 * order over the 128 key groups: class {@code c} holds two of the {@code pairSum + 1} valid numbers
 * (the middle class of an even pairSum one), so its share starts at {@code 2c} and its middle is
 * {@code 2c + 1} (the middle class: {@code pairSum + 0.5}). Any parallelism cuts the key groups into
 * contiguous ranges of equal size, and so cuts the numbers into nearly equal shares: for pairSum 12 the
 * largest subtask gets 7/13 of uniform input at parallelism 2, 5/13 at 3, 4/13 at 4. When classes
 * outnumber key groups, consecutive classes share one.
 *
 * <p>The key of a class is the int whose Flink hash is {@code keyGroup + 128 * rank}, where rank
 * counts the classes before it in the same key group; it is found by running Flink's hash
 * ({@link MathUtils#murmurHash}) backwards, so every class gets a distinct key in O(1) for any pairSum.
 * The keys mean nothing to a person; {@link #classOf} reads a key back.
 *
 * <p>These are not the classes' record keys: a class's key on every topic is class-placement's
 * {@code ClassKey} (its number as text, made once per class by {@code ClassKeys}), and its raw
 * partition {@code ClassSpread}'s. These keys live only inside the job, where {@code keyBy} hashes them.
 *
 * <p>These keys are part of every checkpoint and savepoint (keyed state sits under them), so the
 * placement must never change without a new state layout ({@code KeyedStatePendingStore.LAYOUT}).
 */
public final class KeyGroupClassKeys implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The job's key groups (its max parallelism), which the placement spreads the classes over. */
    public static final int KEY_GROUPS = 128;

    /** Classes whose boxed keys are kept, so the key selector allocates nothing per record. */
    private static final int CACHED_KEYS = 4096;

    // Flink's murmurHash is a bijection on int followed by an absolute value; these undo the bijection.
    private static final int INVERSE_C1 = inverse(0xcc9e2d51);
    private static final int INVERSE_C2 = inverse(0x1b873593);
    private static final int INVERSE_5 = inverse(5);
    private static final int INVERSE_MIX1 = inverse(0x85ebca6b);
    private static final int INVERSE_MIX2 = inverse(0xc2b2ae35);

    private final int pairSum;
    private transient Integer[] cache;

    /**
     * The keys for one pairSum.
     *
     * @param pairSum the pipeline's pairSum, 0 or more
     */
    public KeyGroupClassKeys(int pairSum) {
        if (pairSum < 0) {
            throw new IllegalArgumentException("pairSum must be 0 or more, got " + pairSum);
        }
        this.pairSum = pairSum;
    }

    /**
     * How many classes there are.
     *
     * @return {@code pairSum / 2 + 1}
     */
    public int classCount() {
        return pairSum / 2 + 1;
    }

    /**
     * The key group a class is placed in.
     *
     * @param complementClass a class, 0 to {@code pairSum / 2}
     * @return a key group, 0 to 127
     */
    public int keyGroupOf(int complementClass) {
        checkClass(complementClass);
        // twice the middle of the class's share of the pairSum + 1 numbers, over twice the total
        boolean middleOfEvenPairSum = pairSum % 2 == 0 && complementClass == pairSum / 2;
        long doubledMiddle = middleOfEvenPairSum ? 2L * pairSum + 1 : 4L * complementClass + 2;
        return (int) (doubledMiddle * KEY_GROUPS / (2L * (pairSum + 1)));
    }

    /**
     * The Flink key of a class.
     *
     * @param complementClass a class, 0 to {@code pairSum / 2}
     * @return its key; {@code KeyGroupRangeAssignment.assignToKeyGroup(key, 128) == keyGroupOf(class)}
     */
    public int keyOf(int complementClass) {
        int keyGroup = keyGroupOf(complementClass);
        int rank = complementClass - firstClassIn(keyGroup);
        return unhash(keyGroup + KEY_GROUPS * rank);
    }

    /**
     * The boxed key of a class, as a key selector returns it.
     *
     * @param complementClass a class, 0 to {@code pairSum / 2}
     * @return its key
     */
    public Integer boxedKeyOf(int complementClass) {
        if (complementClass >= CACHED_KEYS) {
            return keyOf(complementClass);
        }
        if (cache == null) {
            cache = new Integer[Math.min(classCount(), CACHED_KEYS)];
        }
        Integer key = cache[complementClass];
        if (key == null) {
            key = keyOf(complementClass);
            cache[complementClass] = key;
        }
        return key;
    }

    /**
     * The class a key belongs to.
     *
     * @param key a Flink key
     * @return the class whose key it is, or -1 when it is no class's key under this placement
     */
    public int classOf(int key) {
        int hash = MathUtils.murmurHash(key);
        int keyGroup = hash % KEY_GROUPS;
        long complementClass = (long) firstClassIn(keyGroup) + hash / KEY_GROUPS;
        if (complementClass >= classCount() || keyGroupOf((int) complementClass) != keyGroup
                || keyOf((int) complementClass) != key) {
            return -1;
        }
        return (int) complementClass;
    }

    /** The smallest class placed in the key group or after it (classCount when none is). */
    private int firstClassIn(int keyGroup) {
        int low = 0;
        int high = classCount();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (keyGroupOf(mid) < keyGroup) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private void checkClass(int complementClass) {
        if (complementClass < 0 || complementClass >= classCount()) {
            throw new IllegalArgumentException("class " + complementClass + " is outside 0.." + (classCount() - 1));
        }
    }

    /** The int whose {@link MathUtils#murmurHash} is {@code hash} (0 or more). */
    static int unhash(int hash) {
        int code = hash;
        // bitMix backwards
        code ^= code >>> 16;
        code *= INVERSE_MIX2;
        code ^= (code >>> 13) ^ (code >>> 26);
        code *= INVERSE_MIX1;
        code ^= code >>> 16;
        code ^= 4;
        code = (code - 0xe6546b64) * INVERSE_5;
        code = Integer.rotateRight(code, 13);
        code *= INVERSE_C2;
        code = Integer.rotateRight(code, 15);
        return code * INVERSE_C1;
    }

    /** The inverse of an odd number modulo 2^32 (Newton's iteration doubles the correct bits each step). */
    private static int inverse(int odd) {
        int x = odd;
        for (int i = 0; i < 5; i++) {
            x *= 2 - odd * x;
        }
        return x;
    }

    @Override
    public String toString() {
        return "KeyGroupClassKeys[pairSum=" + pairSum + "]";
    }
}
