package dev.pairing.netns;

/**
 * A fault in force until {@link #heal()}: a partition, an impaired link, a frozen process. Healing
 * twice is harmless, and closing heals, so a fault in a try-with-resources block never outlives it.
 */
public interface Fault extends AutoCloseable {

    /** What it does to whom, e.g. "runner-a cut off from 10.213.1.2, 10.213.1.3". */
    String description();

    /** Undoes exactly this fault; other faults on the same host stay. */
    void heal();

    @Override
    default void close() {
        heal();
    }
}
