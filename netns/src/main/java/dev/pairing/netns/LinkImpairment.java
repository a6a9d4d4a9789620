package dev.pairing.netns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What tc netem does to the packets a host sends: a fixed delay with optional jitter, and a share of
 * them dropped at random.
 *
 * @param delay added to every packet the host sends (its round trips grow by as much)
 * @param jitter the spread around {@code delay}; zero for none
 * @param lossPercent packets dropped, 0 to 100
 */
public record LinkImpairment(Duration delay, Duration jitter, double lossPercent) {

    public LinkImpairment {
        if (delay.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("delay and jitter must not be negative: " + delay + ", " + jitter);
        }
        if (lossPercent < 0 || lossPercent > 100) {
            throw new IllegalArgumentException("loss must be 0 to 100 %, got " + lossPercent);
        }
    }

    public static LinkImpairment delay(Duration delay) {
        return new LinkImpairment(delay, Duration.ZERO, 0);
    }

    public LinkImpairment withLoss(double percent) {
        return new LinkImpairment(delay, jitter, percent);
    }

    /** netem's arguments, e.g. "delay 100ms loss 2%". */
    List<String> netemArguments() {
        List<String> args = new ArrayList<>(List.of("delay", delay.toMillis() + "ms"));
        if (!jitter.isZero()) {
            args.add(jitter.toMillis() + "ms");
        }
        if (lossPercent > 0) {
            args.addAll(List.of("loss", lossPercent + "%"));
        }
        return args;
    }

    @Override
    public String toString() {
        return delay.toMillis() + " ms" + (jitter.isZero() ? "" : " ± " + jitter.toMillis() + " ms")
                + (lossPercent > 0 ? ", " + lossPercent + " % loss" : "");
    }
}
