package dev.pairing.local.demo;

import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.flink.FlinkClusterOptions;
import dev.pairing.launcher.flink.FlinkPorts;
import dev.pairing.launcher.flink.LocalFlinkCluster;
import dev.pairing.launcher.flink.RetainedSnapshots;
import dev.pairing.launcher.process.ChildProcess;
import dev.pairing.launcher.process.ExitStatus;
import dev.pairing.launcher.process.LaunchException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Flink job on a local session cluster: a JobManager and a TaskManager (under {@code --chaos} a
 * spare one too) as separate JVMs, the job submitted through Flink's own client with the original
 * flags. Stopping takes a savepoint; a demo
 * that ended otherwise (killed, failed, a savepoint that timed out) leaves the job's latest checkpoint,
 * which the cluster retains. The next demo on the same data resumes from whichever of the two is
 * newer, so it goes on exactly where the committed output ends.
 */
final class FlinkEngine implements Engine {

    private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(120);
    /** Where older versions kept the path of their last savepoint; stale after any abnormal end. */
    private static final String LAST_SAVEPOINT = "last-savepoint";

    private final LocalBuild build;
    private final DemoSettings settings;
    private final Path dir;
    private final FlinkPorts ports;
    private final PrintStream out;
    private LocalFlinkCluster cluster;
    private String jobId;
    private long lastRestartShown;

    FlinkEngine(LocalBuild build, DemoSettings settings, Path dir, PrintStream out) {
        this.build = build;
        this.settings = settings;
        this.dir = dir;
        this.ports = settings.flinkPorts();
        this.out = out;
    }

    @Override
    public void start(String bootstrapServers) {
        Path jobJar = build.flinkJobJar();
        long t0 = System.nanoTime();
        // Under --chaos a spare TaskManager, as a production cluster keeps: the job restarts on it
        // within seconds of a crash instead of waiting for a replacement JVM to start and register.
        int taskManagers = settings.chaos() == null ? 1 : 2;
        out.println("starting a Flink session cluster (a JobManager and " + (taskManagers == 1 ? "a TaskManager"
                : taskManagers + " TaskManagers, one spare") + ") ...");
        cluster = LocalFlinkCluster.start(build, dir.resolve("cluster"), ports,
                FlinkClusterOptions.DEFAULTS.withTaskManagers(taskManagers));
        out.printf("Flink ready in %.1f s; dashboard: %s (logs in %s)%n", (System.nanoTime() - t0) / 1e9,
                cluster.restUrl(), cluster.logDir());
        List<String> args = new ArrayList<>(List.of("--bootstrapServers", bootstrapServers,
                "--pairSum", Integer.toString(settings.pairSum()), "--groupId", settings.groupId(),
                "--partitions", Integer.toString(settings.partitions()),
                // exactly-once output becomes visible at each checkpoint: often, for a live demo
                "--checkpointInterval", "2s"));
        args.addAll(settings.formatFlags());
        if (settings.atLeastOnce()) {
            args.addAll(List.of("--guarantee", "at_least_once"));
        }
        String snapshot = resumePoint().orElse(null);
        out.println(snapshot == null ? "submitting the job with Flink's CLI ..."
                : "submitting the job with Flink's CLI, resuming from " + snapshot + " ...");
        jobId = cluster.cli().submit(jobJar, args, snapshot);
        awaitRunning();
        out.println("job " + jobId + " is RUNNING, all tasks deployed");
    }

    private void awaitRunning() {
        long deadline = System.nanoTime() + RUNNING_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (cluster.rest().allTasksRunning(jobId)) {
                return;
            }
            Optional<String> state = cluster.rest().jobState(jobId);
            if (state.isPresent() && List.of("FAILED", "CANCELED", "FINISHED").contains(state.get())) {
                throw new LaunchException("the Flink job ended " + state.get() + " right after submission:\n"
                        + cluster.rest().rootException(jobId).orElse("(no exception reported)")
                        + "\nsee " + cluster.logDir().resolve("jobmanager.log"));
            }
            Demo.pause(Duration.ofMillis(250));
        }
        throw new LaunchException("the Flink job was not RUNNING within " + RUNNING_TIMEOUT.toSeconds() + " s; see "
                + cluster.logDir().resolve("jobmanager.log"));
    }

    @Override
    public Optional<String> failure() {
        if (cluster == null) {
            return Optional.empty();
        }
        if (!cluster.jobManager().isAlive()) {
            return Optional.of("the Flink JobManager exited; see " + cluster.logDir().resolve("jobmanager.log"));
        }
        for (ChildProcess taskManager : cluster.taskManagers()) {
            if (taskManager.exitedByItself()) {
                return Optional.of("the Flink TaskManager exited (" + ExitStatus.describe(
                        taskManager.exitStatus().getAsInt()) + "); see " + taskManager.logFile());
            }
        }
        if (jobId != null) {
            Optional<String> state = cluster.rest().jobState(jobId);
            if (state.isPresent() && List.of("FAILED", "CANCELED", "FINISHED").contains(state.get())) {
                return Optional.of("the Flink job is " + state.get() + ":\n"
                        + cluster.rest().rootException(jobId).orElse("(no exception reported)"));
            }
        }
        return Optional.empty();
    }

    /** The TaskManager that runs the job (a spare one dying would stop nothing), else any. */
    @Override
    public String kill() {
        ChildProcess taskManager = cluster.rest().taskManagersRunning(jobId).stream()
                .map(cluster::taskManagerWithId).flatMap(Optional::stream).findFirst()
                .orElseGet(cluster::taskManager);
        taskManager.kill();
        return "a Flink TaskManager (pid " + taskManager.pid() + ")";
    }

    @Override
    public Optional<String> deadPart() {
        return killedTaskManager().map(tm -> "a Flink TaskManager (pid " + tm.pid() + ", "
                + ExitStatus.describe(tm.exitStatus().getAsInt()) + ")");
    }

    /** A new TaskManager in the dead one's place; the JobManager restarts the job on it from its last checkpoint. */
    @Override
    public synchronized void restartDeadPart() {
        killedTaskManager().ifPresent(cluster::replaceTaskManager);
    }

    private Optional<ChildProcess> killedTaskManager() {
        if (cluster == null) {
            return Optional.empty();
        }
        return cluster.taskManagers().stream().filter(ChildProcess::killedBySignal).findFirst();
    }

    @Override
    public Optional<String> note() {
        if (cluster == null || jobId == null) {
            return Optional.empty();
        }
        // a restart on a free slot takes about a second: the REST API's timestamp of the last one
        // shows it even when no look at the job's state falls inside it
        long restartedAt = cluster.rest().lastRestart(jobId).orElse(0);
        boolean restarted = restartedAt > lastRestartShown;
        lastRestartShown = Math.max(lastRestartShown, restartedAt);
        Optional<String> state = cluster.rest().jobState(jobId);
        if (!restarted && state.map("RUNNING"::equals).orElse(true)) {
            return Optional.empty();
        }
        String why = cluster.rest().rootException(jobId).map(e -> e.lines().findFirst().orElse(""))
                .orElse("(no exception reported)");
        return Optional.of((restarted ? "the Flink job restarted from its last checkpoint, now " + state.orElse("?")
                : "the Flink job is " + state.get()) + ": " + why + " (see " + cluster.restUrl() + ")");
    }

    /** Stops the job with a savepoint (its sinks commit), then the cluster. */
    @Override
    public void stop() {
        if (cluster == null) {
            return;
        }
        if (jobId != null && cluster.jobManager().isAlive()) {
            try {
                String savepoint = cluster.cli().stopWithSavepoint(jobId, cluster.savepointDir());
                out.println("job stopped with a savepoint: " + savepoint);
            } catch (RuntimeException e) {
                out.println("could not stop the job with a savepoint (" + e.getMessage().lines().findFirst().orElse("")
                        + "); cancelling it");
                cluster.cli().cancel(jobId);
            }
            jobId = null;
        }
        cluster.stop();
    }

    @Override
    public void abort() {
        if (cluster != null) {
            cluster.stop();
        }
    }

    /**
     * The newest retained checkpoint or savepoint; every older one is deleted, since no later start
     * may go back to it (resuming from an old snapshot writes again everything committed after it).
     */
    private Optional<String> resumePoint() {
        try {
            Files.deleteIfExists(dir.resolve(LAST_SAVEPOINT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RetainedSnapshots snapshots = cluster.snapshots();
        Optional<Path> newest = snapshots.newest();
        snapshots.discardAllBut(newest);
        return newest.map(Path::toString);
    }
}
