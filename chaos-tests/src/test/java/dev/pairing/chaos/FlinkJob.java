package dev.pairing.chaos;

import dev.pairing.launcher.flink.LocalFlinkCluster;
import dev.pairing.testsupport.JarProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The pairing job ({@code flink-runner.jar}) submitted to the local session cluster with Flink's own
 * command-line client, as an operator submits it, and what Flink's REST API says about it.
 */
final class FlinkJob {

    static final Path JAR = JarProcess.jarFromProperty("flink.job.jar");
    private static final List<String> ENDED = List.of("FAILED", "CANCELED", "FINISHED");

    private final LocalFlinkCluster cluster;
    private final String id;

    private FlinkJob(LocalFlinkCluster cluster, String id) {
        this.cluster = cluster;
        this.id = id;
    }

    /** {@code flink run -d flink-runner.jar args}, then waits until every task runs. */
    /** The pipeline's runner flags, with a checkpoint every second: exactly-once output shows at each one. */
    static List<String> jobFlags(Pipeline pipeline, String bootstrapServers) {
        List<String> flags = new java.util.ArrayList<>(pipeline.runnerFlags(bootstrapServers));
        flags.addAll(List.of("--checkpointInterval", "1s"));
        return flags;
    }

    static FlinkJob submit(LocalFlinkCluster cluster, List<String> args, Duration timeout) {
        return submit(cluster, args, timeout, 0);
    }

    /** At {@code parallelism} ({@code flink run -p}), or the cluster's default when 0. */
    static FlinkJob submit(LocalFlinkCluster cluster, List<String> args, Duration timeout, int parallelism) {
        FlinkJob job = new FlinkJob(cluster, cluster.cli().submit(JAR, args, null, parallelism));
        job.awaitAllTasksRunning(timeout);
        return job;
    }

    String id() {
        return id;
    }

    void awaitAllTasksRunning(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!cluster.rest().allTasksRunning(id)) {
            String why = failure();
            if (why != null) {
                throw new AssertionError(why);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + id + " not running with all tasks within " + timeout + "; state "
                        + cluster.rest().jobState(id).orElse("unknown") + "; see " + cluster.logDir());
            }
            Outputs.pause();
        }
    }

    /** Checkpoints completed so far. */
    long completedCheckpoints() {
        return cluster.rest().completedCheckpoints(id);
    }

    /** When the job last went RESTARTING (the JobManager's clock, epoch ms), 0 if it never did, -1 if unknown. */
    long lastRestart() {
        return cluster.rest().lastRestart(id).orElse(-1);
    }

    /** Whether the job has reported a failure at all: an entry in its exception history. */
    boolean hasFailed() {
        return cluster.rest().rootException(id).isPresent();
    }

    /** Waits until the job has gone through a restart, e.g. after losing its TaskManager. */
    void awaitRestart(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lastRestart() <= 0) {
            String why = failure();
            if (why != null) {
                throw new AssertionError(why);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + id + " did not restart within " + timeout);
            }
            Outputs.pause();
        }
    }

    /** Why the job can no longer produce output, or null while it can. */
    String failure() {
        Optional<String> state = cluster.rest().jobState(id);
        if (state.isPresent() && ENDED.contains(state.get())) {
            return "job " + id + " is " + state.get() + ": "
                    + cluster.rest().rootException(id).orElse("(no exception reported)");
        }
        if (!cluster.jobManager().isAlive()) {
            return "the JobManager exited; see " + cluster.logDir();
        }
        return null;
    }

    void cancel() {
        cluster.cli().cancel(id);
    }
}
