package dev.pairing.local.demo;

import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.process.ChildProcess;
import dev.pairing.launcher.process.ExitStatus;
import dev.pairing.launcher.process.JavaCommand;
import dev.pairing.launcher.process.LaunchException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Streams runner's packaged jar as its own JVM, with the demo's flags. */
final class StreamsEngine implements Engine {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private final LocalBuild build;
    private final DemoSettings settings;
    private final Path dir;
    private volatile ChildProcess process;
    private List<String> command;

    StreamsEngine(LocalBuild build, DemoSettings settings, Path dir) {
        this.build = build;
        this.settings = settings;
        this.dir = dir;
    }

    @Override
    public void start(String bootstrapServers) {
        command = new JavaCommand().classpath(build.streamsRunnerJar())
                .classpath(build.orphanGuardJar()).jvm("-Xmx512m")
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
                .args(guaranteeFlags().toArray(String[]::new))
                .toList();
        process = ChildProcess.start("streams runner", command, Map.of(), logFile());
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

    /**
     * Under at-least-once, the commit interval Kafka Streams itself defaults to for it: output is
     * visible at once either way, and a crash replays what was processed since the last commit.
     * Exactly-once keeps the runner's 100 ms, since its output becomes visible only at commits.
     */
    private List<String> guaranteeFlags() {
        return settings.atLeastOnce() ? List.of("--guarantee", "at_least_once", "--commitInterval", "30s") : List.of();
    }

    @Override
    public Optional<String> failure() {
        ChildProcess runner = process;
        if (runner != null && runner.exitedByItself()) {
            return Optional.of("the Streams runner exited (" + ExitStatus.describe(runner.exitStatus().getAsInt())
                    + "):\n" + runner.logTail(10) + "\nsee " + runner.logFile());
        }
        return Optional.empty();
    }

    @Override
    public String kill() {
        ChildProcess runner = process;
        runner.kill();
        return "the Streams runner (pid " + runner.pid() + ")";
    }

    @Override
    public Optional<String> deadPart() {
        ChildProcess runner = process;
        return runner != null && runner.killedBySignal()
                ? Optional.of("the Streams runner (pid " + runner.pid() + ", "
                        + ExitStatus.describe(runner.exitStatus().getAsInt()) + ")")
                : Optional.empty();
    }

    /** The same command again: its static member id and state directory let it take its partitions back. */
    @Override
    public synchronized void restartDeadPart() {
        if (deadPart().isPresent()) {
            process = ChildProcess.start("streams runner", command, Map.of(), logFile());
        }
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

    private Path logFile() {
        return dir.resolve("streams-runner.log");
    }
}
