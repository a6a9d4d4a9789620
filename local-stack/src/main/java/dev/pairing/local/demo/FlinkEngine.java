package dev.pairing.local.demo;

import dev.pairing.local.Installation;
import dev.pairing.local.flink.FlinkPorts;
import dev.pairing.local.flink.LocalFlinkCluster;
import dev.pairing.local.flink.RetainedSnapshots;
import dev.pairing.local.process.LaunchException;
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
 * The Flink job on a local session cluster: a JobManager and a TaskManager as separate JVMs, the job
 * submitted through Flink's own client with the original flags. Stopping takes a savepoint; a demo
 * that ended otherwise (killed, failed, a savepoint that timed out) leaves the job's latest checkpoint,
 * which the cluster retains. The next demo on the same data resumes from whichever of the two is
 * newer, so it goes on exactly where the committed output ends.
 */
final class FlinkEngine implements Engine {

    private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(120);
    /** Where older versions kept the path of their last savepoint; stale after any abnormal end. */
    private static final String LAST_SAVEPOINT = "last-savepoint";

    private final Installation installation;
    private final DemoSettings settings;
    private final Path dir;
    private final FlinkPorts ports;
    private final PrintStream out;
    private LocalFlinkCluster cluster;
    private String jobId;

    FlinkEngine(Installation installation, DemoSettings settings, Path dir, PrintStream out) {
        this.installation = installation;
        this.settings = settings;
        this.dir = dir;
        this.ports = settings.flinkPorts();
        this.out = out;
    }

    @Override
    public void start(String bootstrapServers) {
        Path jobJar = installation.flinkJobJar();
        long t0 = System.nanoTime();
        out.println("starting a Flink session cluster (a JobManager and a TaskManager) ...");
        cluster = LocalFlinkCluster.start(installation, dir.resolve("cluster"), ports);
        out.printf("Flink ready in %.1f s; dashboard: %s (logs in %s)%n", (System.nanoTime() - t0) / 1e9,
                cluster.restUrl(), cluster.logDir());
        List<String> args = new ArrayList<>(List.of("--bootstrapServers", bootstrapServers,
                "--pairSum", Integer.toString(settings.pairSum()), "--groupId", settings.groupId(),
                "--partitions", Integer.toString(settings.partitions()),
                // exactly-once output becomes visible at each checkpoint: often, for a live demo
                "--checkpointInterval", "2s"));
        args.addAll(settings.formatFlags());
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
        if (!cluster.taskManager().isAlive()) {
            return Optional.of("the Flink TaskManager exited; see " + cluster.logDir().resolve("taskmanager.log"));
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

    @Override
    public Optional<String> note() {
        if (cluster == null || jobId == null) {
            return Optional.empty();
        }
        return cluster.rest().jobState(jobId).filter(state -> !state.equals("RUNNING"))
                .map(state -> "the Flink job is " + state + ": " + cluster.rest().rootException(jobId)
                        .map(e -> e.lines().findFirst().orElse("")).orElse("(no exception reported)")
                        + " (see " + cluster.restUrl() + ")");
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
