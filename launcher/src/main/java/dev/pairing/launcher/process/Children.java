package dev.pairing.launcher.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every child this JVM started, so that whatever happens (an exception, Ctrl-C during startup) none
 * outlives it: {@link #stopAll} is the last word of every command.
 */
public final class Children {

    private static final List<ChildProcess> STARTED = new CopyOnWriteArrayList<>();

    private Children() {}

    static void register(ChildProcess child) {
        STARTED.add(child);
    }

    /** The children started so far, alive or not. */
    public static List<ChildProcess> started() {
        return List.copyOf(STARTED);
    }

    /** Stops every child still running, the most recently started first. */
    public static void stopAll(Duration grace) {
        List<ChildProcess> reversed = new ArrayList<>(STARTED);
        java.util.Collections.reverse(reversed);
        for (ChildProcess child : reversed) {
            if (child.isAlive()) {
                child.stop(grace);
            }
        }
    }
}
