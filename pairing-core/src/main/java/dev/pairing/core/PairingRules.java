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

    public PairingRules(int pairSum) {
        if (pairSum < 0) {
            throw new IllegalArgumentException("pairSum must be 0 or more, got " + pairSum);
        }
        this.pairSum = pairSum;
    }

    public int pairSum() {
        return pairSum;
    }

    public boolean inRange(long value) {
        return value >= 0 && value <= pairSum;
    }

    /** The complement class of a valid number. */
    public int complementClass(long value) {
        if (!inRange(value)) {
            throw new IllegalArgumentException(value + " is outside 0.." + pairSum);
        }
        return (int) Math.min(value, pairSum - value);
    }

    /** Number of complement classes: 0 .. pairSum/2. */
    public int classCount() {
        return pairSum / 2 + 1;
    }

    public boolean complements(long a, long b) {
        return a + b == pairSum;
    }

    @Override
    public String toString() {
        return "PairingRules[pairSum=" + pairSum + "]";
    }
}
