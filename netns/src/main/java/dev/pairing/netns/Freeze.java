package dev.pairing.netns;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A process and its descendants stopped with SIGSTOP and resumed with SIGCONT: what a long garbage
 * collection, a stalled virtual machine or a suspended laptop does to a member of a cluster. Its
 * sockets stay open and its peers see nothing but silence.
 */
public final class Freeze implements Fault {

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
        }
    }
}
