package dev.pairing.local.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * When {@code pairing demo --chaos} kills what: the engine's crashable part twice and a broker once,
 * at moments drawn from a seed so that a run can be replayed, and printed before the first record is
 * sent. The kills fall in separate windows of the demo's duration, with the broker's between the
 * engine's, the last early enough that its recovery shows while numbers still arrive. The kills
 * come at these moments whether or not the pipeline has recovered from the last one, as crashes do.
 *
 * @param seed the seed the moments were drawn from
 */
public record ChaosPlan(long seed, List<Kill> kills) {

    /** The shortest duration that leaves room for three kills and their recoveries. */
    public static final Duration MIN_DURATION = Duration.ofSeconds(45);
    /** What {@code --chaos} runs for when no {@code --duration} is given. */
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(90);

    /** A SIGKILL of {@code target}, {@code at} after the producer started sending. */
    public record Kill(Duration at, ChaosTarget target) {

        /** What the kill does, as the plan and the console's timeline say it. */
        public String description() {
            return "SIGKILL " + target.description();
        }
    }

    // each kill's window, as shares of the duration
    private static final double[][] WINDOWS = {{0.12, 0.25}, {0.38, 0.50}, {0.62, 0.72}};

    public ChaosPlan {
        kills = List.copyOf(kills);
    }

    /**
     * @param engineTarget what a crash of the engine kills: the runner or a TaskManager
     * @throws IllegalArgumentException when {@code duration} is shorter than {@link #MIN_DURATION}
     */
    public static ChaosPlan random(long seed, Duration duration, ChaosTarget engineTarget) {
        if (duration.compareTo(MIN_DURATION) < 0) {
            throw new IllegalArgumentException("--chaos needs a --duration of at least " + MIN_DURATION.toSeconds()
                    + "s (three kills and their recoveries), got " + duration.toSeconds() + "s");
        }
        if (engineTarget == ChaosTarget.BROKER) {
            throw new IllegalArgumentException("the engine's target is its runner or a TaskManager, not a broker");
        }
        Random random = new Random(seed);
        ChaosTarget[] order = {engineTarget, ChaosTarget.BROKER, engineTarget};
        List<Kill> kills = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            double share = WINDOWS[i][0] + random.nextDouble() * (WINDOWS[i][1] - WINDOWS[i][0]);
            kills.add(new Kill(Duration.ofMillis(Math.round(duration.toMillis() * share)), order[i]));
        }
        return new ChaosPlan(seed, kills);
    }

    /** The plan as the demo prints it before it starts. */
    public String describe() {
        StringBuilder text = new StringBuilder("chaos plan (seed " + seed + "; --seed " + seed + " replays it):");
        for (Kill kill : kills) {
            text.append(String.format(Locale.ROOT, "%n   at %5.1f s  %s", kill.at().toMillis() / 1000.0,
                    kill.description()));
        }
        return text.toString();
    }
}
