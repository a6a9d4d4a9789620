package dev.pairing.local.demo;

import dev.pairing.launcher.kafka.LocalKafka;
import dev.pairing.launcher.kafka.RunningKafka;
import dev.pairing.launcher.runner.Runner;
import dev.pairing.local.chaos.ChaosPlan;
import dev.pairing.local.chaos.ChaosTarget;
import dev.pairing.local.chaos.FaultLog;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Carries out a {@link ChaosPlan} while the demo runs, writing each kill, planned and made, into the {@link FaultLog}. */
final class PlannedKills {

    private final ChaosPlan plan;
    private final FaultLog faults;
    private final Random nodes;
    private final List<ChaosTarget> done = new ArrayList<>();
    private int next;

    /** @param startMillis when the producer started sending (epoch ms): the plan's moments count from it */
    PlannedKills(ChaosPlan plan, FaultLog faults, long startMillis) {
        this.plan = plan;
        this.faults = faults;
        // which broker dies is part of the plan too: the same seed picks the same node
        this.nodes = new Random(plan.seed() ^ 0x5DEECE66DL);
        plan.kills().forEach(kill -> faults.planned(kill.description(), startMillis + kill.at().toMillis()));
    }

    /**
     * Makes the kills that are due, at the moments the plan printed: a kill does not wait for the
     * recovery from the last one, as a real crash would not.
     */
    void tick(Duration sinceStart, RunningKafka kafka, Runner runner, PrintStream out) {
        while (next < plan.kills().size() && sinceStart.compareTo(plan.kills().get(next).at()) >= 0) {
            ChaosPlan.Kill kill = plan.kills().get(next);
            String victim = kill.target() == ChaosTarget.BROKER ? killBroker(kafka) : runner.kill();
            out.printf(Locale.ROOT, "[chaos] %.1f s: SIGKILL %s%n", sinceStart.toMillis() / 1000.0, victim);
            faults.fault("SIGKILL " + victim);
            done.add(kill.target());
            next++;
        }
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

    /** Kills the plan has but the demo ended before (Ctrl-C). */
    int missed() {
        return plan.kills().size() - next;
    }
}
