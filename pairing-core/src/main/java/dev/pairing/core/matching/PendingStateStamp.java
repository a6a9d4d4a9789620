package dev.pairing.core.matching;

/**
 * What an engine's pending state was written with: the pairSum, which decides every number's class
 * and side, and the engine's layout of that state. State continued under another pairSum would put
 * numbers of two rules into one class queue (a 5 waiting under pairSum 12 is a middle number under
 * 10), so both engines keep this stamp with their state and refuse to continue on a mismatch.
 *
 * <p>The upgrade rule: a runner continues state of its own layout (and of any older layout it
 * upgrades, which the engine checks before asking {@link #mismatch}), and refuses every other, a
 * newer version's above all, since it cannot know what that layout means. So across a layout change
 * old and new versions cannot share a group (an old instance handed a task the new one restamped
 * stops); docs/state-and-upgrades.md says which versions can.
 *
 * @param layout  the engine's own version of its state layout
 * @param pairSum the pairSum the state was written with
 */
public record PendingStateStamp(int layout, int pairSum) {

    /**
     * Why state stamped {@code stored} cannot be continued by a runner stamped like this one.
     *
     * @param stored the stamp found with the state
     * @return a sentence for the operator, or null when the state can be continued
     */
    public String mismatch(PendingStateStamp stored) {
        if (stored.layout > layout) {
            return "the pending state was written in state layout " + stored.layout + " by a newer version of the"
                    + " runner, but this version reads layout " + layout + " (layouts only move forward: run the"
                    + " version that wrote it, or a later one)";
        }
        if (stored.layout != layout) {
            return "the pending state was written in state layout " + stored.layout + ", but this version of the runner"
                    + " reads layout " + layout;
        }
        if (stored.pairSum != pairSum) {
            return "the pending state was written with pairSum " + stored.pairSum + ", but this runner has --pairSum "
                    + pairSum;
        }
        return null;
    }

    /**
     * Both numbers in one long, for state that holds a single value.
     *
     * @return the layout in the high 32 bits, the pairSum in the low
     */
    public long packed() {
        return ((long) layout << 32) | (pairSum & 0xFFFF_FFFFL);
    }

    /**
     * The stamp {@link #packed()} wrote.
     *
     * @param packed the long {@link #packed()} returned
     * @return the stamp
     */
    public static PendingStateStamp fromPacked(long packed) {
        return new PendingStateStamp((int) (packed >>> 32), (int) packed);
    }
}
