package dev.pairing.local.demo;

import java.util.Optional;

/** A runner the demo starts, watches and stops: Kafka Streams, or a job on a Flink cluster. */
interface Engine {

    /** Starts the runner against the broker and returns once it processes records. */
    void start(String bootstrapServers);

    /**
     * Empty while healthy; otherwise what went wrong and where its log is. A part killed by a signal
     * is not a failure: {@link #deadPart()} reports it and {@link #restartDeadPart()} replaces it.
     */
    Optional<String> failure();

    /**
     * SIGKILLs what a crash of this engine takes down (the runner's JVM, or the TaskManager running the
     * job), as a crash would; returns what it killed.
     */
    String kill();

    /** The crashable part, when a signal (a kill here or from another terminal) ended it; else empty. */
    Optional<String> deadPart();

    /** Starts a replacement for the dead part, as a supervisor would; returns once it was started. */
    void restartDeadPart();

    /** Something worth a line while it runs, e.g. a job that is restarting; empty when all is well. */
    default Optional<String> note() {
        return Optional.empty();
    }

    /** Stops the runner so that what it has processed is committed; safe to call twice. */
    void stop();

    /** Stops right away, e.g. when Ctrl-C comes while it is still starting. */
    void abort();
}
