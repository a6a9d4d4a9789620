package dev.pairing.local.demo;

import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.flink.FlinkClusterOptions;
import dev.pairing.launcher.flink.FlinkJob;
import dev.pairing.launcher.flink.JobSubmission;
import dev.pairing.launcher.flink.LocalFlinkCluster;
import dev.pairing.launcher.flink.RetainedSnapshots;
import dev.pairing.launcher.runner.Runner;
import dev.pairing.launcher.runner.RunnerFlags;
import dev.pairing.launcher.runner.StreamsRunnerProcess;
import dev.pairing.local.console.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How the demo starts its runner, through the launcher: the Streams runner's jar in its own JVM, or
 * the Flink job on a local session cluster started for it. Both get the demo's pipeline flags.
 *
 * <p>A Flink demo stops with a savepoint; one that ended otherwise (killed, failed, a savepoint that
 * timed out) leaves the job's latest checkpoint, which the cluster retains. The next demo on the
 * same data resumes from whichever of the two is newer, so it goes on exactly where the committed
 * output ends.
 */
final class DemoRunners {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /** Where older versions kept the path of their last savepoint; stale after any abnormal end. */
    private static final String LAST_SAVEPOINT = "last-savepoint";

    private DemoRunners() {}

    /**
     * Starts the engine the settings name and returns once it processes records.
     *
     * @param registryUrl the local registry's Confluent-compatible API, with which the runner reads and
     *     writes Confluent's format; null for the project's own format
     */
    static Runner start(LocalBuild build, DemoSettings settings, Path dir, String bootstrapServers, String registryUrl,
            PrintStream out) {
        RunnerFlags flags = new RunnerFlags().bootstrapServers(bootstrapServers).pairSum(settings.pairSum())
                .groupId(settings.groupId()).partitions(settings.partitions());
        if (registryUrl != null) {
            flags.confluentFormat(registryUrl);
        }
        return settings.engine().equals("flink") ? flink(build, settings, dir, flags, out)
                : streams(build, settings, dir, flags, out);
    }

    private static Runner streams(LocalBuild build, DemoSettings settings, Path dir, RunnerFlags flags,
            PrintStream out) {
        out.println("starting the Kafka Streams runner ...");
        flags.stateDir(dir.resolve("state"))
                // the producer keys by complement class, so no repartition step is needed
                .inputKeyedByClass(true)
                // the runner does not leave its group on close; after a restart of the demo the group
                // waits for the old member's session to time out before it assigns partitions
                .kafkaProperty("session.timeout.ms", "6000")
                .metricsPort(settings.metricsPort());
        if (settings.atLeastOnce()) {
            // Kafka Streams' own commit interval for at-least-once: output is visible at once either way,
            // and a crash replays what was processed since the last commit. Exactly-once keeps the
            // runner's 100 ms, since its output becomes visible only at commits.
            flags.guarantee(RunnerFlags.AT_LEAST_ONCE).commitInterval("30s");
        }
        return StreamsRunnerProcess.builder(build).jvmOptions(List.of("-Xmx512m"))
                .logFile(dir.resolve("streams-runner.log")).start(flags).awaitRunning(READY_TIMEOUT);
    }

    private static Runner flink(LocalBuild build, DemoSettings settings, Path dir, RunnerFlags flags, PrintStream out) {
        long t0 = System.nanoTime();
        // Under --chaos a spare TaskManager, as a production cluster keeps: the job restarts on it
        // within seconds of a crash instead of waiting for a replacement JVM to start and register.
        int taskManagers = settings.chaos() == null ? 1 : 2;
        out.println("starting a Flink session cluster (a JobManager and " + (taskManagers == 1 ? "a TaskManager"
                : taskManagers + " TaskManagers, one spare") + ") ...");
        // the reporter's ports of this cluster alone, where the console finds its processes
        LocalFlinkCluster cluster = LocalFlinkCluster.start(build, dir.resolve("cluster"), settings.flinkPorts(),
                FlinkClusterOptions.DEFAULTS.withTaskManagers(taskManagers)
                        .withPrometheusPorts(settings.metricsPort(), settings.lastMetricsPort()));
        out.printf(Locale.ROOT, "Flink ready in %.1f s; dashboard: %s (logs in %s)%n", (System.nanoTime() - t0) / 1e9,
                cluster.restUrl(), cluster.logDir());
        // exactly-once output becomes visible at each checkpoint: often, for a live demo
        flags.checkpointInterval("2s");
        if (settings.atLeastOnce()) {
            flags.guarantee(RunnerFlags.AT_LEAST_ONCE);
        }
        String snapshot = resumePoint(dir, cluster).orElse(null);
        out.println(snapshot == null ? "submitting the job with Flink's CLI ..."
                : "submitting the job with Flink's CLI, resuming from " + snapshot + " ...");
        FlinkJob job = FlinkJob.submit(cluster, JobSubmission.of(build.flinkJobJar(), flags).fromSnapshot(snapshot))
                .ownCluster().awaitRunning(READY_TIMEOUT);
        out.println("job " + job.id() + " is RUNNING, all tasks deployed");
        return job;
    }

    /** Where the runner started by {@link #start} serves its metrics, for the console to read. */
    static List<URI> metricsEndpoints(DemoSettings settings) {
        return Console.loopbackEndpoints(settings.metricsPort(), settings.lastMetricsPort());
    }

    /**
     * The newest retained checkpoint or savepoint; every older one is deleted, since no later start
     * may go back to it (resuming from an old snapshot writes again everything committed after it).
     */
    private static Optional<String> resumePoint(Path dir, LocalFlinkCluster cluster) {
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
