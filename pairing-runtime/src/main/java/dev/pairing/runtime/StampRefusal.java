package dev.pairing.runtime;

import dev.pairing.core.matching.PendingStateStamp;

/**
 * What an operator reads when a runner finds pending state it must not continue (another pairSum, a
 * state layout it does not know): the mismatch, how to continue that state, how to start over. The
 * sentence is the same on both engines; only the way to restart and to start over is the engine's.
 */
public final class StampRefusal {

    private StampRefusal() {}

    /**
     * @param stored     the stamp found with the state
     * @param current    the stamp this runner writes
     * @param restart    how this engine is started again, e.g. {@code "start the runner"}
     * @param startOver  how this engine starts on fresh state, as the end of a sentence
     * @return the refusal, or null when the state can be continued
     */
    public static String of(PendingStateStamp stored, PendingStateStamp current, String restart, String startOver) {
        String mismatch = current.mismatch(stored);
        if (mismatch == null) {
            return null;
        }
        return mismatch + ". To continue this state, " + restart + " with --pairSum " + stored.pairSum()
                + " (and the version that wrote it); to start over with --pairSum " + current.pairSum() + ", " + startOver;
    }
}
