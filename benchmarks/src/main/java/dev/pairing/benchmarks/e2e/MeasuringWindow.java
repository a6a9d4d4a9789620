package dev.pairing.benchmarks.e2e;

import java.util.Optional;

/**
 * The rule that a drain is measured over at least {@link #MIN_SECONDS} (issue 23): output becomes
 * visible in steps of a commit (100 ms) or a checkpoint (1 s), a cold JVM compiles its hot paths
 * during the first seconds, and a shared machine's load comes and goes in bursts; over 30 s a
 * checkpoint step is at most 3% of the window. A short window is reported with the --events that
 * would have given the minimum.
 */
final class MeasuringWindow {

    static final double MIN_SECONDS = 30.0;

    private MeasuringWindow() {}

    /**
     * A warning when the shortest window of a run was under the minimum, else empty.
     *
     * @param eventsPerSecond the run's median rate, from which the events for the minimum follow
     */
    static Optional<String> check(String run, double shortestWindowSeconds, double eventsPerSecond, long events) {
        if (!(shortestWindowSeconds < MIN_SECONDS)) {
            return Optional.empty();
        }
        if (Double.isNaN(eventsPerSecond)) {
            // no rate to scale from: one commit or checkpoint made the whole output visible at once
            return Optional.of(String.format(java.util.Locale.ROOT, "WARNING: %s's output became visible in one "
                    + "commit, so it has no rate%s; use a larger --events than %d", run,
                    run.equals("baseline") ? " (nor any ratio to it)" : "", events));
        }
        return Optional.of(String.format(java.util.Locale.ROOT,
                "WARNING: %s's measuring window was only %.1f s (under %.0f s), so its figure%s is mostly commit "
                        + "steps and noise; --events %d would give about %.0f s at its rate",
                run, shortestWindowSeconds, MIN_SECONDS, run.equals("baseline") ? " (and every ratio to it)" : "",
                eventsFor(eventsPerSecond, events), MIN_SECONDS * 1.2));
    }

    /**
     * Events for a window of the minimum plus 20% at this rate, rounded up to 100,000, never fewer
     * than were run.
     */
    static long eventsFor(double eventsPerSecond, long events) {
        double wanted = eventsPerSecond * MIN_SECONDS * 1.2;
        long rounded = (long) Math.ceil(wanted / 100_000) * 100_000;
        return Math.max(rounded, events);
    }
}
