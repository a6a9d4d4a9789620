package dev.pairing.netns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * A process and its descendants stopped with SIGSTOP and resumed with SIGCONT: what a long garbage
 * collection, a stalled virtual machine or a suspended laptop does to a member of a cluster. Its
 * sockets stay open and its peers see nothing but silence.
 *
 * <p>A signal is delivered when its target next runs, so {@link #of} returns only once every
 * process is in the stopped state, and {@link #heal} only once none is: a drill's clock starts
 * when the fault is in effect, not when the signal was sent.
 */
public final class Freeze implements Fault {

    private static final Duration SETTLE = Duration.ofSeconds(10);

    private final String name;
    private final List<ProcessHandle> tree;
    private final AtomicBoolean frozen = new AtomicBoolean(true);

    private Freeze(String name, List<ProcessHandle> tree) {
        this.name = name;
        this.tree = tree;
    }

    /** Stops {@code process} and every descendant it has now; {@code name} is for the description. */
    public static Freeze of(String name, ProcessHandle process) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process);
        process.descendants().forEach(tree::add);
        for (ProcessHandle handle : tree) {
            Shell.require("kill", "-STOP", Long.toString(handle.pid()));
        }
        for (ProcessHandle handle : tree) {
            awaitState(handle, true);
        }
        return new Freeze(name, tree);
    }

    @Override
    public String description() {
        return name + " frozen (SIGSTOP, pid " + tree.get(0).pid() + ")";
    }

    /** SIGCONT to each of them that still exists. */
    @Override
    public void heal() {
        if (frozen.compareAndSet(true, false)) {
            for (ProcessHandle handle : tree) {
                if (handle.isAlive()) {
                    Shell.run("kill", "-CONT", Long.toString(handle.pid()));
                }
            }
            for (ProcessHandle handle : tree) {
                awaitState(handle, false);
            }
        }
    }

    private static void awaitState(ProcessHandle handle, boolean stopped) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            Optional<ProcessStat> stat = ProcessStat.of(handle.pid());
            if (stat.isEmpty() || stat.get().stopped() == stopped) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new NetworkException("pid " + handle.pid() + " is not " + (stopped ? "stopped" : "running")
                        + " " + SETTLE.toSeconds() + " s after " + (stopped ? "SIGSTOP" : "SIGCONT"));
            }
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
        }
    }
}
