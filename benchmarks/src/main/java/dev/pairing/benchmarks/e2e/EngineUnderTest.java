package dev.pairing.benchmarks.e2e;

/** A pipeline engine run as the real thing, in processes of its own. */
interface EngineUnderTest {

    String name();

    /** Starts it on these topics and returns once it processes records. */
    void start(String bootstrap, RunTopics topics, String guarantee);

    /** Its processes by name (e.g. "streams runner"), for the memory samples; empty when not running. */
    java.util.Map<String, Long> processIds();

    /** True for an engine's floor, which copies the raw topic to the enriched topic and nothing else. */
    default boolean copiesOnly() {
        return false;
    }

    /** False once it has died or failed. */
    boolean healthy();

    /** Stops it and waits until it is gone; safe to call twice. */
    void stop();

    /** At the very end: anything shared between runs (a cluster). */
    default void close() {}
}
