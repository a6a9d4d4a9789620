package dev.pairing.local.demo;

import dev.pairing.local.Installation;
import dev.pairing.local.process.ChildProcess;
import dev.pairing.local.process.JavaCommand;
import dev.pairing.local.process.LaunchException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Streams runner's packaged jar as its own JVM, with the demo's flags. */
final class StreamsEngine implements Engine {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private final Installation installation;
    private final DemoSettings settings;
    private final Path dir;
    private ChildProcess process;

    StreamsEngine(Installation installation, DemoSettings settings, Path dir) {
        this.installation = installation;
        this.settings = settings;
        this.dir = dir;
    }

    @Override
    public void start(String bootstrapServers) {
        List<String> command = new JavaCommand().classpath(installation.streamsRunnerJar())
                .classpath(installation.orphanGuardJar()).jvm("-Xmx512m")
                .guardedMain("dev.pairing.streams.StreamsRunner")
                .args("--bootstrapServers", bootstrapServers, "--pairSum", Integer.toString(settings.pairSum()),
                        "--groupId", settings.groupId(), "--stateDir", dir.resolve("state").toString(),
                        "--partitions", Integer.toString(settings.partitions()),
                        // the producer keys by complement class, so no repartition step is needed
                        "--inputKeyedByClass", "true",
                        // the runner does not leave its group on close; after a restart of the demo the group
                        // waits for the old member's session to time out before it assigns partitions
                        "--kafkaProperty", "session.timeout.ms=6000")
                .args(settings.formatFlags().toArray(String[]::new))
                .toList();
        process = ChildProcess.start("streams runner", command, Map.of(), dir.resolve("streams-runner.log"));
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!process.logContains("RUNNING")) {
            if (!process.isAlive()) {
                throw new LaunchException("the Streams runner exited during startup:\n" + process.logTail(15)
                        + "\nsee " + process.logFile());
            }
            if (System.nanoTime() > deadline) {
                throw new LaunchException("the Streams runner was not RUNNING within " + READY_TIMEOUT.toSeconds()
                        + " s; see " + process.logFile());
            }
            Demo.pause(Duration.ofMillis(200));
        }
    }

    @Override
    public Optional<String> failure() {
        if (process != null && !process.isAlive()) {
            return Optional.of("the Streams runner exited (status " + process.onExit().join().exitValue() + "):\n"
                    + process.logTail(10) + "\nsee " + process.logFile());
        }
        return Optional.empty();
    }

    @Override
    public void stop() {
        if (process != null && process.isAlive()) {
            process.stop(STOP_GRACE);
        }
    }

    @Override
    public void abort() {
        if (process != null && process.isAlive()) {
            process.stop(Duration.ofSeconds(5));
        }
    }

    Path logFile() {
        return dir.resolve("streams-runner.log");
    }
}
