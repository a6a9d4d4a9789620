package dev.pairing.local.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * When {@code pairing demo --chaos} does what: kills the engine's crashable part twice and a broker
 * once, then freezes the engine's crashable part (SIGSTOP, then SIGCONT: a long garbage collection
 * or a stalled machine, alive but silent), then cuts the engine off from the brokers (a partition:
 * what it sends and what it is sent goes nowhere until the link heals). The moments are drawn from
 * a seed so that a run can be replayed, and printed before the first record is sent. The faults
 * fall in separate windows of the demo's duration: the broker's kill between the engine's, the
 * freeze and the cut after the kills, so that their recovery is the engine's own and not a
 * restart's, and the cut over early enough that its recovery shows while numbers still arrive. The
 * kills come at these moments whether or not the pipeline has recovered from the last one, as
 * crashes do.
 *
 * @param seed the seed the moments were drawn from
 * @param kills the SIGKILLs, in order
 * @param lasting the freeze and the cut, in order
 */
public record ChaosPlan(long seed, List<Kill> kills, List<LastingFault> lasting) {

    /** The shortest duration that leaves room for the five faults and their recoveries. */
    public static final Duration MIN_DURATION = Duration.ofSeconds(80);
    /**
     * How long a freeze or a cut lasts: longer than the Streams runner's 6 s session and 10 s
     * transaction timeouts, so the group drops the silent member and its open transaction is
     * aborted (it is fenced when it speaks again); shorter than Flink's 50 s heartbeat timeout.
     */
    public static final Duration LASTS = Duration.ofSeconds(12);
    /** What {@code --chaos} runs for when no {@code --duration} is given. */
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(90);

    /** A SIGKILL of {@code target}, {@code at} after the producer started sending. */
    public record Kill(Duration at, ChaosTarget target) {

        /** What the kill does, as the plan and the console's timeline say it. */
        public String description() {
            return "SIGKILL " + target.description();
        }
    }

    /** What a lasting fault does to the engine. */
    public enum Kind {
        /** SIGSTOP of the engine's crashable part, SIGCONT when it ends. */
        FREEZE,
        /** Every connection of the engine to the brokers goes silent both ways, new ones too. */
        CUT_OFF
    }

    /**
     * A fault of the engine that lasts {@code length} from {@code at} after the producer started sending.
     *
     * @param target the engine's crashable part: what a freeze stops, and whose engine a cut isolates
     */
    public record LastingFault(Duration at, Kind kind, ChaosTarget target, Duration length) {

        /** What it does, as the plan and the console's timeline say it. */
        public String description() {
            return switch (kind) {
                case FREEZE -> "SIGSTOP " + target.description() + " for " + length.toSeconds() + " s";
                case CUT_OFF -> "cut " + (target == ChaosTarget.RUNNER ? "the Streams runner" : "the Flink job")
                        + " off from the brokers for " + length.toSeconds() + " s";
            };
        }
    }

    // each kill's window, as shares of the duration, then the freeze's and the cut's: no kill comes
    // after them, so their recovery is the engine's own
    private static final double[][] KILL_WINDOWS = {{0.06, 0.09}, {0.16, 0.19}, {0.26, 0.29}};
    private static final double[][] LASTING_WINDOWS = {{0.38, 0.41}, {0.66, 0.68}};
    private static final Kind[] LASTING_ORDER = {Kind.FREEZE, Kind.CUT_OFF};

    public ChaosPlan {
        kills = List.copyOf(kills);
        lasting = List.copyOf(lasting);
    }

    /**
     * @param engineTarget what a crash of the engine kills: the runner or a TaskManager
     * @throws IllegalArgumentException when {@code duration} is shorter than {@link #MIN_DURATION}
     */
    public static ChaosPlan random(long seed, Duration duration, ChaosTarget engineTarget) {
        if (duration.compareTo(MIN_DURATION) < 0) {
            throw new IllegalArgumentException("--chaos needs a --duration of at least " + MIN_DURATION.toSeconds()
                    + "s (three kills, a freeze, a cut and their recoveries), got " + duration.toSeconds() + "s");
        }
        if (engineTarget == ChaosTarget.BROKER) {
            throw new IllegalArgumentException("the engine's target is its runner or a TaskManager, not a broker");
        }
        Random random = new Random(seed);
        ChaosTarget[] order = {engineTarget, ChaosTarget.BROKER, engineTarget};
        List<Kill> kills = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            kills.add(new Kill(moment(random, KILL_WINDOWS[i], duration), order[i]));
        }
        List<LastingFault> lasting = new ArrayList<>();
        for (int i = 0; i < LASTING_ORDER.length; i++) {
            lasting.add(new LastingFault(moment(random, LASTING_WINDOWS[i], duration), LASTING_ORDER[i], engineTarget,
                    LASTS));
        }
        return new ChaosPlan(seed, kills, lasting);
    }

    private static Duration moment(Random random, double[] window, Duration duration) {
        double share = window[0] + random.nextDouble() * (window[1] - window[0]);
        return Duration.ofMillis(Math.round(duration.toMillis() * share));
    }

    /** How many faults it makes. */
    public int size() {
        return kills.size() + lasting.size();
    }

    /** The plan as the demo prints it before it starts. */
    public String describe() {
        StringBuilder text = new StringBuilder("chaos plan (seed " + seed + "; --seed " + seed + " replays it):");
        // the windows do not overlap: no two faults share a moment
        SortedMap<Duration, String> faults = new TreeMap<>();
        kills.forEach(kill -> faults.put(kill.at(), kill.description()));
        lasting.forEach(fault -> faults.put(fault.at(), fault.description()));
        faults.forEach((at, what) -> text.append(String.format(Locale.ROOT, "%n   at %5.1f s  %s", at.toMillis() / 1000.0,
                what)));
        return text.toString();
    }
}
