package dev.pairing.launcher.runner;

import java.util.Map;
import java.util.Optional;

/**
 * A pipeline runner the launcher started and can break on purpose: the Streams runner's JVM, or the
 * Flink job on a local session cluster. What a supervisor needs (is it well, did a signal kill a
 * part of it, replace that part) and what a drill or a benchmark needs (crash it, its processes,
 * stop it).
 */
public interface Runner extends AutoCloseable {

    /** "the Streams runner", "the Flink job", for what the tools print. */
    String description();

    /**
     * Empty while it works, or while a part that a signal killed waits for {@link #replaceDeadPart()};
     * otherwise what went wrong (a process that exited by itself, a job that ended) and where its
     * log is.
     */
    Optional<String> failure();

    /**
     * SIGKILLs what a crash of this engine takes down (the runner's JVM, or the TaskManager running
     * the job), as a crash would.
     *
     * @return what it killed, with its pid
     */
    String kill();

    /**
     * What {@link #kill()} would kill now, with its pid and host: the part a drill freezes or cuts
     * off instead, keeping it alive.
     */
    RunnerPart crashablePart();

    /** The crashable part, when a signal (a kill here or from another terminal) ended it; else empty. */
    Optional<String> deadPart();

    /** Starts a replacement for the dead part, as a supervisor would; returns once it was started. */
    void replaceDeadPart();

    /**
     * Whether it processes records now: the Streams runner's current JVM has reached RUNNING, or
     * every task of the Flink job runs. A look at a log or at Flink's REST API: not for every poll.
     */
    boolean isWorking();

    /** Something worth a line while it runs, e.g. a job that is restarting; empty when all is well. */
    default Optional<String> note() {
        return Optional.empty();
    }

    /** Its processes by name ("streams runner", "taskmanager", ...) and pid, e.g. for memory samples. */
    Map<String, Long> processIds();

    /**
     * Stops it so that what it has processed is committed (the Streams runner's clean shutdown, a
     * Flink savepoint), and waits until it has stopped; a second call does nothing.
     *
     * @return how it stopped, in a line for the user
     */
    String stop();

    /** Stops it right away, committing nothing more (what is uncommitted is read again on the next start). */
    void abort();

    /** {@link #abort()}: a try-with-resources never leaves a runner behind. */
    @Override
    default void close() {
        abort();
    }
}
