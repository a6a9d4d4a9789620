package dev.pairing.local.demo;

import dev.pairing.launcher.kafka.LocalKafka;
import dev.pairing.launcher.kafka.RunningKafka;
import dev.pairing.launcher.process.Poll;
import dev.pairing.launcher.runner.Runner;
import dev.pairing.local.chaos.FaultLog;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a process supervisor (systemd, Kubernetes) does for the demo's processes: a runner,
 * TaskManager or broker that a signal killed, by {@code --chaos} or from another terminal, is
 * restarted, one at a time, on a thread of its own so the live view goes on during the outage. Each
 * death opens an outage that closes once a pair with a number sent after the death is committed: how
 * long new input took to come out again. Outages go into the demo's {@link FaultLog}. A process that
 * exits by itself is a failure, not restarted: its log says why.
 */
final class Supervisor implements AutoCloseable {

    /** How long a dead broker stays down before its restart, as a supervisor's restart delay would keep it. */
    static final Duration BROKER_RESTART_DELAY = Duration.ofSeconds(3);
    private static final String ENGINE = "engine";
    private static final Duration ENGINE_CHECK_EVERY = Duration.ofSeconds(2);

    /** From a death to the first committed pair with a number sent after it. */
    record Outage(String what, double seconds) {}

    private final RunningKafka kafka;
    private final Runner runner;
    private final PrintStream out;
    private final ExecutorService restarts = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private long nextEngineCheck = System.nanoTime();

    /** The runner's dead parts already reported, by description (with the pid). */
    private final Set<String> reported = new HashSet<>();
    /** Keys of the processes whose restart is queued or under way. */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final AtomicReference<String> restartFailure = new AtomicReference<>();
    private final FaultLog faults;

    Supervisor(RunningKafka kafka, Runner runner, FaultLog faults, PrintStream out) {
        this.kafka = kafka;
        this.runner = runner;
        this.faults = faults;
        this.out = out;
    }

    /**
     * Looks at every process once: starts the restart of one that was killed, closes outages that
     * committed pairs ended. Called from the demo's loop, between polls of the live view.
     *
     * @param newestPairEventTime when the newest number in a committed pair was created (epoch ms), or -1
     * @return what failed beyond a restart, e.g. a process that exited by itself
     */
    Optional<String> check(long newestPairEventTime) {
        closeOutages(newestPairEventTime);
        if (restartFailure.get() != null) {
            return Optional.of(restartFailure.get());
        }
        for (LocalKafka node : kafka.nodes()) {
            if (node.killedBySignal() && pending.add(key(node))) {
                String what = "broker " + node.describe();
                died(what, "restarting it in " + BROKER_RESTART_DELAY.toSeconds() + " s");
                restart(key(node), what, () -> {
                    Poll.pause(BROKER_RESTART_DELAY);
                    long t0 = System.nanoTime();
                    node.restart();
                    out.printf(Locale.ROOT, "[supervisor] broker %s answers again, %.1f s after its restart%n",
                            node.describe(), (System.nanoTime() - t0) / 1e9);
                });
            }
        }
        Optional<String> dead = runner.deadPart();
        // a dead part is reported and replaced once: its description carries its pid (a CI run once
        // saw one death of the Streams runner opened twice, 0.1 s apart, cause not found)
        if (dead.isPresent() && !reported.contains(dead.get()) && pending.add(ENGINE)) {
            reported.add(dead.get());
            died(dead.get(), "starting a replacement");
            restart(ENGINE, dead.get(), runner::replaceDeadPart);
        }
        Optional<String> nodeFailure = kafka.nodes().stream()
                .filter(node -> !pending.contains(key(node)))
                .map(LocalKafka::failure).flatMap(Optional::stream).findFirst();
        if (nodeFailure.isPresent() || System.nanoTime() - nextEngineCheck < 0) {
            return nodeFailure;
        }
        // the runner's own check may ask Flink's REST API: every couple of seconds is enough
        nextEngineCheck = System.nanoTime() + ENGINE_CHECK_EVERY.toNanos();
        return runner.failure();
    }

    private static String key(LocalKafka node) {
        return "broker-" + node.nodeId();
    }

    private void died(String what, String remedy) {
        out.printf("[supervisor] %s died; %s%n", what, remedy);
        faults.outageBegins(what + " died");
    }

    /** Restarts run one after the other, in the order the deaths were seen. */
    private void restart(String key, String what, Runnable action) {
        restarts.execute(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                restartFailure.set("could not restart " + what + ": " + e.getMessage());
            } finally {
                pending.remove(key);
            }
        });
    }

    /**
     * An outage ends with the first committed pair of a number created after it began: a pair
     * committed just before, or read a moment late, says nothing about the recovery.
     */
    private void closeOutages(long newestPairEventTime) {
        for (FaultLog.Entry outage : faults.entries(FaultLog.Kind.OUTAGE)) {
            if (outage.open() && newestPairEventTime > outage.startMillis()) {
                FaultLog.Entry ended = faults.end(outage);
                out.printf(Locale.ROOT, "[recovered] pairs are committed again %.1f s after %s%n",
                        ended.seconds(ended.endMillis()), outage.what());
            }
        }
    }

    /** Outages that such a pair has ended, in the order they began. */
    List<Outage> outages() {
        return faults.entries(FaultLog.Kind.OUTAGE).stream().filter(e -> !e.open())
                .map(e -> new Outage(e.what(), e.seconds(e.endMillis()))).toList();
    }

    /** Deaths not followed by such a pair yet. */
    List<String> unrecovered() {
        return faults.entries(FaultLog.Kind.OUTAGE).stream().filter(FaultLog.Entry::open).map(FaultLog.Entry::what)
                .toList();
    }

    /** Whether a restart is queued or under way. */
    boolean restarting() {
        return !pending.isEmpty();
    }

    @Override
    public void close() {
        restarts.shutdownNow();
        try {
            restarts.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
