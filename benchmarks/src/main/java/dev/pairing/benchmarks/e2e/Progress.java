package dev.pairing.benchmarks.e2e;

import java.io.PrintStream;

/** One line every two seconds while a phase runs: the phase, records so far, elapsed time. */
final class Progress {

    private static final long EVERY_NANOS = 2_000_000_000L;

    private final PrintStream out;
    private final String phase;
    private final long start = System.nanoTime();
    private long lastPrinted = start;

    Progress(PrintStream out, String phase) {
        this.out = out;
        this.phase = phase;
        out.println("== " + phase);
    }

    void tick(long records, long of) {
        long now = System.nanoTime();
        if (now - lastPrinted >= EVERY_NANOS) {
            lastPrinted = now;
            out.printf("   %-28s %,12d / %,d records   %6.1f s%n", phase, records, of, (now - start) / 1e9);
        }
    }

    double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
