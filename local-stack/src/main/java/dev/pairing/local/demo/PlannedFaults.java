package dev.pairing.local.demo;

import dev.pairing.launcher.kafka.LocalKafka;
import dev.pairing.launcher.kafka.RunningKafka;
import dev.pairing.launcher.runner.Runner;
import dev.pairing.launcher.runner.RunnerPart;
import dev.pairing.local.chaos.ChaosPlan;
import dev.pairing.local.chaos.ChaosTarget;
import dev.pairing.local.chaos.FaultLog;
import dev.pairing.netns.Fault;
import dev.pairing.netns.Freeze;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * Carries out a {@link ChaosPlan} while the demo runs, writing each fault, planned and made, into
 * the {@link FaultLog}. A kill comes at its moment whatever state the pipeline is in, as a crash
 * does. A lasting fault (a freeze, a cut) is made on a pipeline that works: if at its moment the
 * engine is not ready or an earlier outage has not ended yet, it waits,
 * so that what it shows is a working engine going silent and coming back by itself, and its outage
 * is its own. It opens an outage as a death does, and the supervisor closes it the same way: with
 * the first committed pair of a number sent after it began. Nothing is left frozen or cut off:
 * {@link #endFaults} heals a fault that is still on.
 */
final class PlannedFaults {

    /** A lasting fault in force. */
    private record Active(ChaosPlan.LastingFault planned, Fault fault, FaultLog.Entry entry, Duration healAt,
            String victim) {}

    private final ChaosPlan plan;
    private final FaultLog faults;
    private final EngineLink link;
    private final Random nodes;
    private final List<ChaosTarget> killed = new ArrayList<>();
    private final List<ChaosPlan.Kind> lastingMade = new ArrayList<>();
    private int nextKill;
    private Active active;
    private boolean waitSaid;

    /**
     * @param link the engine's way to the brokers, which a cut cuts
     * @param startMillis when the producer started sending (epoch ms): the plan's moments count from it
     */
    PlannedFaults(ChaosPlan plan, FaultLog faults, EngineLink link, long startMillis) {
        this.plan = plan;
        this.faults = faults;
        this.link = link;
        // which broker dies is part of the plan too: the same seed picks the same node
        this.nodes = new Random(plan.seed() ^ 0x5DEECE66DL);
        plan.kills().forEach(kill -> faults.planned(kill.description(), startMillis + kill.at().toMillis()));
        plan.lasting().forEach(fault -> faults.planned(fault.description(), startMillis + fault.at().toMillis()));
    }

    /**
     * Makes the faults that are due and heals a lasting one whose time is up.
     */
    void tick(Duration sinceStart, RunningKafka kafka, Runner runner, PrintStream out) {
        while (nextKill < plan.kills().size() && sinceStart.compareTo(plan.kills().get(nextKill).at()) >= 0) {
            ChaosPlan.Kill kill = plan.kills().get(nextKill);
            String victim = kill.target() == ChaosTarget.BROKER ? killBroker(kafka) : runner.kill();
            out.printf(Locale.ROOT, "[chaos] %.1f s: SIGKILL %s%n", seconds(sinceStart), victim);
            faults.fault("SIGKILL " + victim);
            killed.add(kill.target());
            nextKill++;
        }
        if (active != null && sinceStart.compareTo(active.healAt()) >= 0) {
            heal(sinceStart, out, "");
        }
        if (active != null || lastingMade.size() == plan.lasting().size()) {
            return;
        }
        ChaosPlan.LastingFault due = plan.lasting().get(lastingMade.size());
        if (sinceStart.compareTo(due.at()) < 0) {
            return;
        }
        // pairs committed again after every earlier fault, and the engine ready: a restart the
        // supervisor still makes (a spare TaskManager registering) does not hold a fault back. The
        // cheap look first; the runner's own (Flink's REST API, its probe) only once that passes,
        // and its part asked for once
        if (faults.entries(FaultLog.Kind.OUTAGE).stream().noneMatch(FaultLog.Entry::open)) {
            RunnerPart part = runner.crashablePart();
            Optional<ProcessHandle> process = part.process();
            if (process.isPresent() && runner.isWorking()) {
                waitSaid = false;
                begin(due, part, process.get(), sinceStart, out);
                return;
            }
        }
        if (!waitSaid) {
            waitSaid = true;
            out.printf(Locale.ROOT, "[chaos] %.1f s: holding back \"%s\" until %s works and pairs are committed"
                    + " again%n", seconds(sinceStart), due.description(), runner.description());
        }
    }

    private void begin(ChaosPlan.LastingFault due, RunnerPart part, ProcessHandle process, Duration sinceStart,
            PrintStream out) {
        String late = sinceStart.minus(due.at()).compareTo(Duration.ofSeconds(1)) > 0
                ? String.format(Locale.ROOT, " (planned at %.1f s)", seconds(due.at())) : "";
        Fault fault;
        String what;
        String victim;
        if (due.kind() == ChaosPlan.Kind.FREEZE) {
            fault = Freeze.of(part.description(), process);
            victim = part.description();
            what = "SIGSTOP " + victim + " for " + due.length().toSeconds() + " s";
        } else {
            fault = link.cutOff();
            victim = due.target() == ChaosTarget.RUNNER ? "the Streams runner" : "the Flink job";
            what = due.description();
        }
        lastingMade.add(due.kind());
        out.printf(Locale.ROOT, "[chaos] %.1f s: %s%s%n", seconds(sinceStart), what, late);
        FaultLog.Entry entry = faults.faultBegins(what);
        faults.outageBegins(victim + (due.kind() == ChaosPlan.Kind.FREEZE ? " frozen" : " cut off from the brokers"));
        active = new Active(due, fault, entry, sinceStart.plus(due.length()), victim);
    }

    /** Heals a fault that is still on: the demo is stopping, and a frozen or cut-off engine cannot. */
    void endFaults(Duration sinceStart, PrintStream out) {
        if (active != null) {
            heal(sinceStart, out, ", early: the demo is stopping");
        }
    }

    private void heal(Duration sinceStart, PrintStream out, String why) {
        active.fault().heal();
        faults.end(active.entry());
        out.printf(Locale.ROOT, "[chaos] %.1f s: %s%s%n", seconds(sinceStart),
                active.planned().kind() == ChaosPlan.Kind.FREEZE ? "SIGCONT " + active.victim()
                        : "the link of " + active.victim() + " to the brokers heals", why);
        active = null;
    }

    private String killBroker(RunningKafka kafka) {
        List<LocalKafka> running = kafka.nodes().stream().filter(LocalKafka::isRunning).toList();
        LocalKafka victim = running.get(nodes.nextInt(running.size()));
        String described = "broker " + victim.describe();
        victim.kill();
        return described;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /** What the demo prints of it at the end: what was made, and what the demo ended before. */
    String summary() {
        long freezes = lastingMade.stream().filter(kind -> kind == ChaosPlan.Kind.FREEZE).count();
        int missed = plan.size() - killed.size() - lastingMade.size();
        return String.format(Locale.ROOT, "chaos: %d kills, %d freeze and %d cut as planned (seed %d)%s",
                killed.size(), freezes, lastingMade.size() - freezes, plan.seed(),
                missed == 0 ? "" : "; " + missed + " more did not happen before the demo stopped");
    }
}
