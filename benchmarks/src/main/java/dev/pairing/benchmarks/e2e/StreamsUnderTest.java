package dev.pairing.benchmarks.e2e;

import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.process.ChildProcess;
import dev.pairing.launcher.process.JavaCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Streams runner's packaged jar in its own JVM, as {@code ./pairing streams} runs it; or, as
 * {@link #copyFloor}, {@link StreamsCopyApp} on the same jar.
 */
final class StreamsUnderTest implements EngineUnderTest {

    /** The name of the floor run in the report. */
    static final String COPY_FLOOR = "streams-copy";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final LocalBuild build;
    private final Path dir;
    private final int partitions;
    private final List<String> tuning;
    private final List<String> jvmOptions;
    private final boolean copyOnly;
    private ChildProcess process;
    private int runs;

    /**
     * @param tuning     extra runner flags (see benchmarks/TUNING.md)
     * @param jvmOptions extra JVM options, e.g. a flight recording
     */
    StreamsUnderTest(LocalBuild build, Path dir, int partitions, List<String> tuning, List<String> jvmOptions) {
        this(build, dir, partitions, tuning, jvmOptions, false);
    }

    private StreamsUnderTest(LocalBuild build, Path dir, int partitions, List<String> tuning,
            List<String> jvmOptions, boolean copyOnly) {
        this.build = build;
        this.dir = dir;
        this.partitions = partitions;
        this.tuning = tuning;
        this.jvmOptions = jvmOptions;
        this.copyOnly = copyOnly;
    }

    /** Kafka Streams copying the raw topic to the enriched topic of the run, nothing else (see {@link StreamsCopyApp}). */
    static StreamsUnderTest copyFloor(LocalBuild build, Path dir) {
        return new StreamsUnderTest(build, dir, 0, List.of(), List.of(), true);
    }

    @Override
    public String name() {
        return copyOnly ? COPY_FLOOR : "streams";
    }

    @Override
    public boolean copiesOnly() {
        return copyOnly;
    }

    @Override
    public void start(String bootstrap, RunTopics topics, String guarantee) {
        runs++;
        List<String> args = new ArrayList<>(List.of("--bootstrapServers", bootstrap, "--rawTopic", topics.raw(),
                "--groupId", topics.groupId(), "--enrichedTopic", topics.enriched(), "--DLQ", topics.deadLetters(),
                "--unpairedTopic", topics.unpaired(), "--guarantee", guarantee,
                "--stateDir", dir.resolve("state-" + runs).toString(), "--partitions", Integer.toString(partitions),
                // the producer's input is class-keyed: no repartition, the order the oracle replays
                "--inputKeyedByClass", "true"));
        args.addAll(tuning);
        JavaCommand java = new JavaCommand().classpath(build.streamsRunnerJar());
        if (copyOnly) {
            java.classpath(ownJar());
            args = List.of(bootstrap, topics.raw(), topics.enriched(), topics.groupId(),
                    dir.resolve("state-" + runs).toString());
        }
        List<String> command = java.classpath(build.orphanGuardJar()).jvm("-Xmx1g").jvm(jvmOptions)
                .guardedMain(copyOnly ? StreamsCopyApp.class.getName() : "dev.pairing.streams.StreamsRunner")
                .args(args).toList();
        process = ChildProcess.start("streams runner", command, Map.of(), dir.resolve("streams-" + runs + ".log"));
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!process.logContains("RUNNING")) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Streams runner exited during startup:\n" + process.logTail(15)
                        + "\nsee " + process.logFile());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Streams runner was not RUNNING within "
                        + READY_TIMEOUT.toSeconds() + " s; see " + process.logFile());
            }
            Bench.pause(Duration.ofMillis(100));
        }
    }

    /** The benchmarks jar this class runs from, which holds {@link StreamsCopyApp}. */
    private static Path ownJar() {
        try {
            return Path.of(StreamsCopyApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate the benchmarks jar", e);
        }
    }

    @Override
    public Map<String, Long> processIds() {
        return healthy() ? Map.of("streams runner", process.pid()) : Map.of();
    }

    @Override
    public boolean healthy() {
        return process != null && process.isAlive();
    }

    @Override
    public void stop() {
        if (process != null && process.isAlive()) {
            process.stop(Duration.ofSeconds(30));
        }
    }
}
