package dev.pairing.benchmarks.e2e;

import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.flink.FlinkClusterOptions;
import dev.pairing.launcher.flink.FlinkJob;
import dev.pairing.launcher.flink.FlinkPorts;
import dev.pairing.launcher.flink.JobSubmission;
import dev.pairing.launcher.flink.LocalFlinkCluster;
import dev.pairing.launcher.runner.Runner;
import dev.pairing.launcher.runner.RunnerFlags;
import dev.pairing.launcher.runner.StreamsRunnerProcess;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The engines a benchmark run drains with, by the names the report gives them, each started
 * through the launcher as the real thing in processes of its own: the Streams runner's jar, the
 * Flink job on a local session cluster, and each engine's own copy of the raw topic (see
 * {@link StreamsCopyApp} and flink-runner's {@code RawCopyJob}). The cluster is started once, ahead
 * of the measured runs, and serves every Flink run; each run is a new process or job on fresh
 * topics and a fresh group.
 */
final class EngineRuns implements AutoCloseable {

    static final String STREAMS = "streams";
    static final String FLINK = "flink";
    /** Kafka Streams copying the raw topic under the runner's exactly-once settings: its upper bound. */
    static final String STREAMS_COPY = "streams-copy";
    /** Flink copying the raw topic under the job's exactly-once settings: its upper bound. */
    static final String FLINK_COPY = "flink-copy";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final String RAW_COPY_JOB = "dev.pairing.flink.floor.RawCopyJob";

    private final LocalBuild build;
    private final BenchSettings settings;
    private final PrintStream out;
    private LocalFlinkCluster cluster;
    private final List<Runner> started = new ArrayList<>();
    private int streamsRuns;

    EngineRuns(LocalBuild build, BenchSettings settings, PrintStream out) {
        this.build = build;
        this.settings = settings;
        this.out = out;
    }

    /** An engine's own copy: it writes every raw record, as it is, to the enriched topic and nothing else. */
    static boolean copiesOnly(String run) {
        return run.equals(STREAMS_COPY) || run.equals(FLINK_COPY);
    }

    /** The copy that bounds {@code engine}: streams-copy or flink-copy. */
    static String ownCopyOf(String engine) {
        return engine.equals(STREAMS) ? STREAMS_COPY : FLINK_COPY;
    }

    /** A pairing pipeline (not a copy, not a baseline): what the targets are for. */
    static boolean isPipeline(String run) {
        return run.equals(STREAMS) || run.equals(FLINK);
    }

    /** How often the run makes its output visible: Flink's checkpoints, or the 100 ms commits of the rest. */
    static Duration cadenceOf(String run) {
        return run.equals(FLINK) || run.equals(FLINK_COPY) || run.equals(BenchResults.BASELINE_AT_CHECKPOINTS)
                ? Tuning.FLINK_CHECKPOINTS : Tuning.STREAMS_COMMITS;
    }

    /** The baseline that commits at the run's cadence. */
    static String cadenceBaselineOf(String run) {
        return cadenceOf(run).equals(Tuning.STREAMS_COMMITS) ? BenchResults.BASELINE
                : BenchResults.BASELINE_AT_CHECKPOINTS;
    }

    /** Starts the Flink cluster unless {@code run} needs none: its start-up is no run's. */
    void prepare(String run) {
        if ((run.equals(FLINK) || run.equals(FLINK_COPY)) && cluster == null) {
            out.println("== starting a Flink session cluster (not part of any measurement)");
            long t0 = System.nanoTime();
            cluster = LocalFlinkCluster.start(build, settings.dataDir().resolve(FLINK).resolve("cluster"),
                    FlinkPorts.free(), flinkCluster());
            out.printf(Locale.ROOT, "   Flink session cluster ready in %.1f s (%s, logs in %s)%n",
                    (System.nanoTime() - t0) / 1e9, cluster.restUrl(), cluster.logDir());
        }
    }

    /** Starts {@code run} on these topics and returns once it processes records. */
    Runner start(String run, String bootstrap, RunTopics topics, String guarantee) {
        prepare(run);
        RunnerFlags flags = commandLine(run, settings, bootstrap, topics, guarantee);
        Runner runner = switch (run) {
            case STREAMS, STREAMS_COPY -> streams(flags, run.equals(STREAMS_COPY));
            case FLINK -> flink(flags, null);
            case FLINK_COPY -> flink(flags, RAW_COPY_JOB);
            default -> throw new IllegalArgumentException("unknown engine " + run);
        };
        started.add(runner);
        return runner;
    }

    /**
     * The command line {@code run} gets: an engine's copy the same as the engine's pipeline, the
     * {@link ClientSettings} of every run and the bench's tuning included.
     */
    static RunnerFlags commandLine(String run, BenchSettings settings, String bootstrap, RunTopics topics,
            String guarantee) {
        RunnerFlags flags = new RunnerFlags().bootstrapServers(bootstrap)
                .topics(topics.raw(), topics.enriched(), topics.deadLetters(), topics.unpaired())
                .groupId(topics.groupId()).guarantee(guarantee).partitions(settings.partitions())
                .and(ClientSettings.asRunnerFlags());
        return switch (run) {
            // the producer's input is class-keyed: no repartition, the order the oracle replays
            case STREAMS, STREAMS_COPY -> flags.inputKeyedByClass(true).and(verbatim(settings.streamsFlags()));
            case FLINK, FLINK_COPY -> flags.and(verbatim(Tuning.FLINK));
            default -> throw new IllegalArgumentException("unknown engine " + run);
        };
    }

    private Runner streams(RunnerFlags flags, boolean copy) {
        streamsRuns++;
        Path dir = settings.dataDir().resolve(copy ? STREAMS_COPY : STREAMS);
        List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
        if (settings.profile() && !copy) {
            jvm.add(Tuning.flightRecording(dir.resolve("streams.jfr")));
        }
        StreamsRunnerProcess.Builder runner = StreamsRunnerProcess.builder(build).jvmOptions(jvm)
                .logFile(dir.resolve("streams-" + streamsRuns + ".log"));
        if (copy) {
            runner.mainClass(StreamsCopyApp.class.getName(), ownJar());
        }
        return runner.start(flags.stateDir(dir.resolve("state-" + streamsRuns))).awaitRunning(READY_TIMEOUT);
    }

    private Runner flink(RunnerFlags flags, String entryClass) {
        JobSubmission job = JobSubmission.of(build.flinkJobJar(), flags).withParallelism(settings.flinkParallelism());
        return FlinkJob.submit(cluster, entryClass == null ? job : job.withEntryClass(entryClass))
                .awaitRunning(READY_TIMEOUT);
    }

    private static RunnerFlags verbatim(List<String> flags) {
        return RunnerFlags.verbatim(flags);
    }

    private FlinkClusterOptions flinkCluster() {
        FlinkClusterOptions options = settings.profile()
                ? Tuning.FLINK_CLUSTER.withTaskManagerJvmOptions(List.of(Tuning.flightRecording(
                        settings.dataDir().resolve(FLINK).resolve("taskmanager.jfr"))))
                : Tuning.FLINK_CLUSTER;
        return options.withTaskManagers(settings.flinkTaskManagers());
    }

    /** The benchmarks jar this class runs from, which holds {@link StreamsCopyApp}. */
    private static Path ownJar() {
        try {
            return Path.of(StreamsCopyApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate the benchmarks jar", e);
        }
    }

    /** Stops every run still going, then the cluster; called at the end and from the Ctrl-C hook. */
    @Override
    public void close() {
        for (Runner runner : started) {
            try {
                runner.abort();
            } catch (RuntimeException e) {
                out.println("   stopping " + runner.description() + ": " + e.getMessage());
            }
        }
        if (cluster != null) {
            cluster.stop();
            cluster = null;
        }
    }
}
