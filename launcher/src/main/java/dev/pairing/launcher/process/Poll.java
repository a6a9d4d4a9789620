package dev.pairing.launcher.process;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting on what tells nobody when it changes: a starting broker, a job's state, a topic's
 * offsets. Look, pause, look again. The tools' one pause is here, so that how they wait and how an
 * interrupt ends a wait is decided once.
 */
public final class Poll {

    private Poll() {}

    /**
     * Looks every {@code every} until {@code done} says so or {@code timeout} has passed. A look that
     * finds waiting pointless (the process it waits for has died) throws, which ends the wait.
     *
     * @return true once done, false when the time ran out first
     */
    public static boolean until(Duration timeout, Duration every, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (done.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            pause(every);
        }
    }

    /**
     * Sleeps for {@code duration}: between two looks, or where a delay is the point (a supervisor's
     * restart delay, a producer's pace, the random moment of a drill's kill).
     *
     * @throws IllegalStateException when interrupted; the thread keeps its interrupt flag
     */
    public static void pause(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
