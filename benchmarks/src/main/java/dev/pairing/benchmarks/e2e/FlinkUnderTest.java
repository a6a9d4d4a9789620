package dev.pairing.benchmarks.e2e;

import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.flink.FlinkCli;
import dev.pairing.launcher.flink.FlinkClusterOptions;
import dev.pairing.launcher.flink.FlinkPorts;
import dev.pairing.launcher.flink.LocalFlinkCluster;
import dev.pairing.launcher.process.ChildProcess;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Flink job on a local session cluster (a JobManager and a TaskManager, their own JVMs), submitted
 * with Flink's own client as {@code ./pairing flink} does. The cluster is started once and serves
 * every run; each run is a new job on fresh topics and a fresh group.
 */
final class FlinkUnderTest implements EngineUnderTest {

    private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(180);
    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
    private static final List<String> ENDED = List.of("FAILED", "CANCELED", "FINISHED");

    private final LocalBuild build;
    private final Path dir;
    private final int partitions;
    private final int parallelism;
    private final List<String> tuning;
    private final FlinkClusterOptions clusterOptions;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalFlinkCluster cluster;
    private String jobId;

    FlinkUnderTest(LocalBuild build, Path dir, int partitions, int parallelism, List<String> tuning,
            FlinkClusterOptions clusterOptions, PrintStream out) {
        this.build = build;
        this.dir = dir;
        this.partitions = partitions;
        this.parallelism = parallelism;
        this.tuning = tuning;
        this.clusterOptions = clusterOptions;
        this.out = out;
    }

    @Override
    public String name() {
        return "flink";
    }

    /** Starts the cluster ahead of the measured runs: its start-up is not the job's. */
    void startCluster() {
        if (cluster == null) {
            out.println("== starting a Flink session cluster (not part of any measurement)");
            long t0 = System.nanoTime();
            cluster = LocalFlinkCluster.start(build, dir.resolve("cluster"), FlinkPorts.free(),
                    clusterOptions);
            out.printf("   Flink session cluster ready in %.1f s (%s, logs in %s)%n", (System.nanoTime() - t0) / 1e9,
                    cluster.restUrl(), cluster.logDir());
        }
    }

    @Override
    public void start(String bootstrap, RunTopics topics, String guarantee) {
        start(bootstrap, topics, guarantee, List.of());
    }

    /** Flink copying the raw topic to the run's enriched topic on this cluster (the floor, see {@code RawCopyJob}). */
    EngineUnderTest copyFloor() {
        FlinkUnderTest flink = this;
        return new EngineUnderTest() {
            @Override
            public String name() {
                return COPY_FLOOR;
            }

            @Override
            public boolean copiesOnly() {
                return true;
            }

            @Override
            public void start(String bootstrap, RunTopics topics, String guarantee) {
                flink.start(bootstrap, topics, guarantee, List.of("-c", "dev.pairing.flink.floor.RawCopyJob"));
            }

            @Override
            public Map<String, Long> processIds() {
                return flink.processIds();
            }

            @Override
            public boolean healthy() {
                return flink.healthy();
            }

            @Override
            public void stop() {
                flink.stop();
            }
        };
    }

    /** The name of the floor run in the report. */
    static final String COPY_FLOOR = "flink-copy";

    private void start(String bootstrap, RunTopics topics, String guarantee, List<String> entryClass) {
        startCluster();
        List<String> cli = new ArrayList<>(List.of("run", "-d", "-p", Integer.toString(parallelism)));
        cli.addAll(entryClass);
        cli.addAll(List.of(
                build.flinkJobJar().toString(), "--bootstrapServers", bootstrap, "--rawTopic", topics.raw(),
                "--groupId", topics.groupId(), "--enrichedTopic", topics.enriched(), "--DLQ", topics.deadLetters(),
                "--unpairedTopic", topics.unpaired(), "--guarantee", guarantee,
                "--partitions", Integer.toString(partitions)));
        cli.addAll(tuning);
        FlinkCli.Result result = cluster.cli().run("submit", cli);
        Matcher m = JOB_ID.matcher(result.output());
        if (result.status() != 0 || !m.find()) {
            throw new IllegalStateException("Flink did not accept the job (exit " + result.status() + "):\n"
                    + result.output().lines().reduce("", (a, b) -> a + "\n" + b));
        }
        jobId = m.group(1);
        long deadline = System.nanoTime() + RUNNING_TIMEOUT.toNanos();
        while (!cluster.rest().allTasksRunning(jobId)) {
            Optional<String> state = cluster.rest().jobState(jobId);
            if (state.isPresent() && ENDED.contains(state.get())) {
                throw new IllegalStateException("the Flink job ended " + state.get() + ":\n"
                        + cluster.rest().rootException(jobId).orElse("(no exception reported)"));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Flink job was not RUNNING within " + RUNNING_TIMEOUT.toSeconds()
                        + " s; see " + cluster.logDir());
            }
            Bench.pause(Duration.ofMillis(100));
        }
    }

    @Override
    public Map<String, Long> processIds() {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (cluster != null) {
            pids.put("jobmanager", cluster.jobManager().pid());
            List<ChildProcess> taskManagers = cluster.taskManagers();
            for (int i = 0; i < taskManagers.size(); i++) {
                pids.put(taskManagers.size() == 1 ? "taskmanager" : "taskmanager-" + (i + 1), taskManagers.get(i).pid());
            }
        }
        return pids;
    }

    @Override
    public boolean healthy() {
        if (cluster == null || !cluster.jobManager().isAlive()
                || !cluster.taskManagers().stream().allMatch(ChildProcess::isAlive)) {
            return false;
        }
        Optional<String> state = jobId == null ? Optional.empty() : cluster.rest().jobState(jobId);
        return state.map(s -> !ENDED.contains(s)).orElse(true);
    }

    /** Cancels the job through the REST API (a client JVM per cancel would cost seconds) and waits until it has ended. */
    @Override
    public void stop() {
        if (jobId == null || cluster == null || !cluster.jobManager().isAlive()) {
            return;
        }
        try {
            http.send(HttpRequest.newBuilder(URI.create(cluster.restUrl() + "/jobs/" + jobId + "?mode=cancel"))
                    .method("PATCH", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            out.println("   could not cancel Flink job " + jobId + ": " + e.getMessage());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline
                && !cluster.rest().jobState(jobId).map(ENDED::contains).orElse(true)) {
            Bench.pause(Duration.ofMillis(200));
        }
        jobId = null;
    }

    @Override
    public void close() {
        stop();
        if (cluster != null) {
            cluster.stop();
            cluster = null;
        }
    }
}
