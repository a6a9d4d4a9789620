package dev.pairing.launcher.flink;

import dev.pairing.launcher.process.ChildProcess;
import dev.pairing.launcher.process.ExitStatus;
import dev.pairing.launcher.process.LaunchException;
import dev.pairing.launcher.process.Poll;
import dev.pairing.launcher.runner.Runner;
import dev.pairing.launcher.runner.RunnerPart;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job on a {@link LocalFlinkCluster}, submitted through Flink's own client as an operator submits
 * it: the one way the tools submit the pairing job (or the benchmark's copy job). What its crash
 * takes down is the TaskManager that runs it; the JobManager restarts it from its last checkpoint
 * on another TaskManager or on a replacement.
 */
public final class FlinkJob implements Runner {

    /** How long a stop may wait for its savepoint, or a cancel for the job's end. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final LocalFlinkCluster cluster;
    private final String id;
    private volatile boolean stopped;
    private volatile boolean ownsCluster;
    private long lastRestartShown;

    private FlinkJob(LocalFlinkCluster cluster, String id) {
        this.cluster = cluster;
        this.id = id;
    }

    /**
     * Submits it and returns once Flink accepted it, before it runs: {@link #awaitRunning} waits.
     *
     * @throws IllegalStateException with the client's output when Flink refuses it
     */
    public static FlinkJob submit(LocalFlinkCluster cluster, JobSubmission submission) {
        return new FlinkJob(cluster, cluster.cli().submit(submission));
    }

    public String id() {
        return id;
    }

    /** The cluster was started for this job alone: stopping or aborting the job stops the cluster too. */
    public FlinkJob ownCluster() {
        ownsCluster = true;
        return this;
    }

    /**
     * Returns once every task of the job runs ({@link FlinkRest#awaitRunning}).
     *
     * @throws dev.pairing.launcher.process.LaunchException when it ends, the cluster fails, or it is
     *     not running within {@code timeout}
     */
    public FlinkJob awaitRunning(Duration timeout) {
        cluster.rest().awaitRunning(id, timeout, this::failure);
        return this;
    }

    /** Checkpoints completed so far. */
    public long completedCheckpoints() {
        return cluster.rest().completedCheckpoints(id);
    }

    /** When the job last went RESTARTING (the JobManager's clock, epoch ms), 0 if it never did, -1 if unknown. */
    public long lastRestart() {
        return cluster.rest().lastRestart(id).orElse(-1);
    }

    /** Whether the job has reported a failure at all: an entry in its exception history. */
    public boolean hasFailed() {
        return cluster.rest().rootException(id).isPresent();
    }

    /**
     * Waits until the job has gone through a restart, e.g. after losing its TaskManager.
     *
     * @throws dev.pairing.launcher.process.LaunchException when it fails meanwhile or does not restart in time
     */
    public void awaitRestart(Duration timeout) {
        boolean restarted = Poll.until(timeout, Duration.ofMillis(250), () -> {
            failure().ifPresent(why -> {
                throw new LaunchException(why);
            });
            return lastRestart() > 0;
        });
        if (!restarted) {
            throw new LaunchException("the Flink job " + id + " did not restart within "
                    + timeout.toSeconds() + " s");
        }
    }

    /** Cancels it (no savepoint) and waits until it has ended. */
    public void cancel() {
        stopped = true;
        if (cluster.jobManager().isAlive()) {
            cluster.rest().cancel(id, STOP_TIMEOUT);
        }
    }

    @Override
    public String description() {
        return "the Flink job";
    }

    @Override
    public Optional<String> failure() {
        if (!cluster.jobManager().isAlive()) {
            return Optional.of("the Flink JobManager exited; see " + cluster.logDir().resolve("jobmanager.log"));
        }
        for (ChildProcess taskManager : cluster.taskManagers()) {
            if (taskManager.exitedByItself() && !taskManager.stopRequested()) {
                return Optional.of("the Flink TaskManager exited (" + ExitStatus.describe(
                        taskManager.exitStatus().getAsInt()) + "); see " + taskManager.logFile());
            }
        }
        return stopped ? Optional.empty() : cluster.rest().jobEnded(id);
    }

    /** The TaskManager that runs the job (a spare one dying would stop nothing), else any. */
    /** Every task of the job runs: on the spare, too, while a killed TaskManager is still being replaced. */
    @Override
    public boolean isWorking() {
        return cluster.rest().allTasksRunning(id);
    }

    @Override
    public String kill() {
        ChildProcess taskManager = runningTaskManager();
        taskManager.kill();
        return "a Flink TaskManager (pid " + taskManager.pid() + ")";
    }

    @Override
    public RunnerPart crashablePart() {
        ChildProcess taskManager = runningTaskManager();
        return new RunnerPart("a Flink TaskManager (pid " + taskManager.pid() + ")", taskManager.pid(),
                cluster.hostOf(taskManager));
    }

    private ChildProcess runningTaskManager() {
        return cluster.rest().taskManagersRunning(id).stream()
                .map(cluster::taskManagerWithId).flatMap(Optional::stream).findFirst()
                .orElseGet(cluster::taskManager);
    }

    @Override
    public Optional<String> deadPart() {
        return killedTaskManager().map(tm -> "a Flink TaskManager (pid " + tm.pid() + ", "
                + ExitStatus.describe(tm.exitStatus().getAsInt()) + ")");
    }

    /** A new TaskManager in the dead one's place; the JobManager restarts the job on it from its last checkpoint. */
    @Override
    public synchronized void replaceDeadPart() {
        killedTaskManager().ifPresent(cluster::replaceTaskManager);
    }

    private Optional<ChildProcess> killedTaskManager() {
        return cluster.taskManagers().stream().filter(tm -> tm.killedBySignal() && !tm.stopRequested()).findFirst();
    }

    /**
     * Not synchronized: {@link #replaceDeadPart()} holds this job's lock while a new TaskManager
     * starts and registers, tens of seconds in which a supervised demo must go on showing notes.
     */
    @Override
    public Optional<String> note() {
        // a restart on a free slot takes about a second: the REST API's timestamp of the last one
        // shows it even when no look at the job's state falls inside it
        long restartedAt = cluster.rest().lastRestart(id).orElse(0);
        boolean restarted = restartedAt > lastRestartShown;
        lastRestartShown = Math.max(lastRestartShown, restartedAt);
        Optional<String> state = cluster.rest().jobState(id);
        if (!restarted && state.map("RUNNING"::equals).orElse(true)) {
            return Optional.empty();
        }
        String why = cluster.rest().rootException(id).map(e -> e.lines().findFirst().orElse(""))
                .orElse("(no exception reported)");
        return Optional.of((restarted ? "the Flink job restarted from its last checkpoint, now " + state.orElse("?")
                : "the Flink job is " + state.get()) + ": " + why + " (see " + cluster.restUrl() + ")");
    }

    @Override
    public Map<String, Long> processIds() {
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("jobmanager", cluster.jobManager().pid());
        List<ChildProcess> taskManagers = cluster.taskManagers();
        for (int i = 0; i < taskManagers.size(); i++) {
            pids.put(taskManagers.size() == 1 ? "taskmanager" : "taskmanager-" + (i + 1), taskManagers.get(i).pid());
        }
        return pids;
    }

    /** A savepoint, then the job finishes; its exactly-once sinks commit what the savepoint covers. */
    @Override
    public String stop() {
        try {
            if (stopped || !cluster.jobManager().isAlive()) {
                return "the Flink job had stopped";
            }
            stopped = true;
            try {
                return "job stopped with a savepoint: " + cluster.cli().stopWithSavepoint(id, cluster.savepointDir());
            } catch (RuntimeException e) {
                cluster.rest().cancel(id, STOP_TIMEOUT);
                return "could not stop the job with a savepoint (" + e.getMessage().lines().findFirst().orElse("")
                        + "); cancelled it";
            }
        } finally {
            stopOwnCluster();
        }
    }

    @Override
    public void abort() {
        try {
            if (!stopped) {
                cancel();
            }
        } finally {
            stopOwnCluster();
        }
    }

    private void stopOwnCluster() {
        if (ownsCluster) {
            cluster.stop();
        }
    }

    @Override
    public String toString() {
        return "Flink job " + id;
    }
}
