package dev.pairing.testsupport;

/** The poll interval of this module's waits on a condition. */
final class Pause {

    private Pause() {}

    static void briefly() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
