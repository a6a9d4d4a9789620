package dev.pairing.benchmarks.e2e;

import dev.pairing.local.Installation;
import dev.pairing.local.process.ChildProcess;
import dev.pairing.local.process.JavaCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Streams runner's packaged jar in its own JVM, as {@code ./pairing streams} runs it. */
final class StreamsUnderTest implements EngineUnderTest {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final Installation installation;
    private final Path dir;
    private final int partitions;
    private final List<String> tuning;
    private final List<String> jvmOptions;
    private ChildProcess process;
    private int runs;

    /**
     * @param tuning     extra runner flags (see benchmarks/TUNING.md)
     * @param jvmOptions extra JVM options, e.g. a flight recording
     */
    StreamsUnderTest(Installation installation, Path dir, int partitions, List<String> tuning, List<String> jvmOptions) {
        this.installation = installation;
        this.dir = dir;
        this.partitions = partitions;
        this.tuning = tuning;
        this.jvmOptions = jvmOptions;
    }

    @Override
    public String name() {
        return "streams";
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
        List<String> command = new JavaCommand().classpath(installation.streamsRunnerJar())
                .classpath(installation.orphanGuardJar()).jvm("-Xmx1g").jvm(jvmOptions)
                .guardedMain("dev.pairing.streams.StreamsRunner").args(args).toList();
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
