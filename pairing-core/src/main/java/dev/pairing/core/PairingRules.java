package dev.pairing.core;

/**
 * The arithmetic of pairing for one {@code pairSum}: which numbers are valid, which pair, and the
 * complement class that groups a number with its only possible partners.
 *
 * <p>{@code class(n) = min(n, pairSum - n)}. A class holds at most two values, {@code c} and
 * {@code pairSum - c}; for an even pairSum the middle class holds one value, which pairs with
 * itself. For an odd pairSum no value equals its own complement, so no self-pair can exist.
 */
public final class PairingRules {

    /** The pairSum used when none is given. */
    public static final int DEFAULT_PAIR_SUM = 12;

    private final int pairSum;

    /**
     * The rules for one pairSum.
     *
     * @param pairSum what two numbers must sum to; 0 or more
     * @throws IllegalArgumentException for a negative pairSum
     */
    public PairingRules(int pairSum) {
        if (pairSum < 0) {
            throw new IllegalArgumentException("pairSum must be 0 or more, got " + pairSum);
        }
        this.pairSum = pairSum;
    }

    /**
     * What two numbers must sum to.
     *
     * @return the pairSum
     */
    public int pairSum() {
        return pairSum;
    }

    /**
     * Whether a number is valid.
     *
     * @param value any number
     * @return true for {@code 0..pairSum}
     */
    public boolean inRange(long value) {
        return value >= 0 && value <= pairSum;
    }

    /**
     * The complement class of a valid number.
     *
     * @param value a number in {@code 0..pairSum}
     * @return {@code min(value, pairSum - value)}
     * @throws IllegalArgumentException for a number out of range
     */
    public int complementClass(long value) {
        if (!inRange(value)) {
            throw new IllegalArgumentException(value + " is outside 0.." + pairSum);
        }
        return (int) Math.min(value, pairSum - value);
    }

    /**
     * Number of complement classes: 0 .. pairSum/2.
     *
     * @return {@code pairSum / 2 + 1}
     */
    public int classCount() {
        return pairSum / 2 + 1;
    }

    /**
     * Whether two numbers pair.
     *
     * @param a one number
     * @param b the other
     * @return true when they sum to pairSum
     */
    public boolean complements(long a, long b) {
        return a + b == pairSum;
    }

    @Override
    public String toString() {
        return "PairingRules[pairSum=" + pairSum + "]";
    }
}
