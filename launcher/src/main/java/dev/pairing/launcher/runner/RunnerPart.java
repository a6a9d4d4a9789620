package dev.pairing.launcher.runner;

import dev.pairing.netns.Host;
import java.util.Optional;

/**
 * The process a crash of a runner takes down (the Streams runner's JVM, or the TaskManager that
 * runs the Flink job) as it is now, and where it runs: what a drill freezes, or cuts off when it
 * runs on a test host.
 *
 * @param description e.g. "the Streams runner (pid 1234)", for what the tools print
 * @param pid its process id, for signals
 * @param host the test host it runs on, or empty on this machine's loopback
 */
public record RunnerPart(String description, long pid, Optional<Host> host) {

    /** Its process, while it runs. */
    public Optional<ProcessHandle> process() {
        return ProcessHandle.of(pid);
    }
}
