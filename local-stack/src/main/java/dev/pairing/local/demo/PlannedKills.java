package dev.pairing.local.demo;

import dev.pairing.local.chaos.ChaosPlan;
import dev.pairing.local.chaos.ChaosTarget;
import dev.pairing.local.kafka.LocalKafka;
import dev.pairing.local.kafka.RunningKafka;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Carries out a {@link ChaosPlan} while the demo runs. A kill that falls due while the pipeline still
 * recovers from the last one waits for that recovery: two overlapping outages would show neither.
 */
final class PlannedKills {

    private final ChaosPlan plan;
    private final Random nodes;
    private final List<ChaosTarget> done = new ArrayList<>();
    private int next;
    private boolean waitShown;

    PlannedKills(ChaosPlan plan) {
        this.plan = plan;
        // which broker dies is part of the plan too: the same seed picks the same node
        this.nodes = new Random(plan.seed() ^ 0x5DEECE66DL);
    }

    /**
     * Makes the next kill if it is due and the supervisor has nothing to recover from. None is made in
     * the last {@link ChaosPlan#LAST_SHARE_KEPT_QUIET} of the duration: its recovery could not be seen
     * before the producer stops.
     */
    void tick(Duration sinceStart, Duration duration, Supervisor supervisor, RunningKafka kafka, Engine engine,
            PrintStream out) {
        if (next >= plan.kills().size()
                || sinceStart.toMillis() > duration.toMillis() * (1 - ChaosPlan.LAST_SHARE_KEPT_QUIET)) {
            return;
        }
        ChaosPlan.Kill kill = plan.kills().get(next);
        if (sinceStart.compareTo(kill.at()) < 0) {
            return;
        }
        if (supervisor.busy()) {
            if (!waitShown) {
                out.printf(Locale.ROOT, "[chaos] the kill planned at %.1f s waits until the pipeline has recovered%n",
                        kill.at().toMillis() / 1000.0);
                waitShown = true;
            }
            return;
        }
        String victim = kill.target() == ChaosTarget.BROKER ? killBroker(kafka) : engine.kill();
        out.printf(Locale.ROOT, "[chaos] %.1f s: SIGKILL %s%n", sinceStart.toMillis() / 1000.0, victim);
        done.add(kill.target());
        next++;
        waitShown = false;
    }

    private String killBroker(RunningKafka kafka) {
        List<LocalKafka> running = kafka.nodes().stream().filter(LocalKafka::isRunning).toList();
        LocalKafka victim = running.get(nodes.nextInt(running.size()));
        String described = "broker " + victim.describe();
        victim.kill();
        return described;
    }

    /** The kills made so far, in order. */
    List<ChaosTarget> done() {
        return List.copyOf(done);
    }

    /** Kills the plan has but the demo ended before. */
    int missed() {
        return plan.kills().size() - next;
    }
}
