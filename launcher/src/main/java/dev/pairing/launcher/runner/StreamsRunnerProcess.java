package dev.pairing.launcher.runner;

import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.process.ChildProcess;
import dev.pairing.launcher.process.ExitStatus;
import dev.pairing.launcher.process.HttpProbe;
import dev.pairing.launcher.process.JavaCommand;
import dev.pairing.netns.Host;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Kafka Streams runner's packaged jar ({@code streams-runner/target/streams-runner.jar}) in a
 * JVM of its own, as an operator runs it: the one way the tools start it. A process, not a thread,
 * so that it can be killed for real. It is ready when its log says {@link #RUNNING_LINE}; a
 * restart runs the same command on the same state directory, as a supervisor on its host would.
 */
public final class StreamsRunnerProcess implements Runner {

    /** The runner's main class, on its command line: how another terminal finds it. */
    public static final String MAIN_CLASS = "dev.pairing.streams.StreamsRunner";
    /**
     * What the runner logs each time Kafka Streams reaches RUNNING (streams-runner's
     * {@code PairingApp}): the one readiness check of a Streams runner, wherever it is started.
     */
    public static final String RUNNING_LINE = "RUNNING: ";
    /** Small and simple: several runners share two cores with a broker in the drills. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC");
    /** How long a clean shutdown may take: its last commit and leaving the group. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private final List<String> command;
    private final Path logFile;
    private final Host host;
    /** Its readiness probe, when it serves one ({@code --metricsPort}); else null. */
    private final URI readiness;
    private volatile ChildProcess process;

    private StreamsRunnerProcess(List<String> command, Path logFile, Host host, URI readiness) {
        this.command = host == null ? command : host.command(command);
        this.logFile = logFile;
        this.host = host;
        this.readiness = readiness;
        this.process = launch();
    }

    /** How to start one: the build it runs from, its JVM options, its log. */
    public static Builder builder(LocalBuild build) {
        return new Builder(build);
    }

    /** Starts the runner's jar with {@link #DEFAULT_JVM_OPTIONS}, logging to {@code logFile}. */
    public static StreamsRunnerProcess start(LocalBuild build, RunnerFlags flags, Path logFile) {
        return builder(build).logFile(logFile).start(flags);
    }

    /** What {@link #builder} starts. */
    public static final class Builder {

        private final LocalBuild build;
        private List<String> jvmOptions = DEFAULT_JVM_OPTIONS;
        private Path logFile;
        private String mainClass = MAIN_CLASS;
        private Path extraJar;
        private Host host;

        private Builder(LocalBuild build) {
            this.build = build;
        }

        /** In place of {@link #DEFAULT_JVM_OPTIONS}. */
        public Builder jvmOptions(List<String> options) {
            this.jvmOptions = List.copyOf(options);
            return this;
        }

        /** Where stdout and stderr go, appended to: each start's own part is what counts. */
        public Builder logFile(Path file) {
            this.logFile = file;
            return this;
        }

        /**
         * Another main class on the runner's jar and classpath, from {@code jar}: a Kafka Streams
         * application measured next to the runner (the benchmark's streams-copy). It must take the
         * runner's flags it is given and log {@link #RUNNING_LINE} when it runs.
         */
        public Builder mainClass(String main, Path jar) {
            this.mainClass = main;
            this.extraJar = jar;
            return this;
        }

        /**
         * On a test host (a network namespace with its own address) instead of this machine's
         * loopback, so that a drill can cut it off or slow its link; its restarts run there too.
         * The brokers must be reachable from the host (on other hosts, or through a
         * listener on the host's gateway address).
         */
        public Builder host(Host on) {
            this.host = on;
            return this;
        }

        /** Starts it with these flags, without waiting: {@link #awaitRunning} waits. */
        public StreamsRunnerProcess start(RunnerFlags flags) {
            Objects.requireNonNull(logFile, "logFile");
            JavaCommand java = build.javaCommand().classpath(build.streamsRunnerJar());
            if (extraJar != null) {
                java.classpath(extraJar);
            }
            URI readiness = flags.value(RunnerFlags.METRICS_PORT).map(port -> URI.create("http://"
                    + (host == null ? "127.0.0.1" : host.address()) + ":" + port + "/health/ready")).orElse(null);
            return new StreamsRunnerProcess(java.jvm(jvmOptions).guardedMain(mainClass).args(flags.toArgs()).toList(),
                    logFile, host, readiness);
        }
    }

    private ChildProcess launch() {
        return ChildProcess.start(host == null ? "streams runner" : "streams runner on " + host.name(), command, Map.of(),
                logFile);
    }

    /**
     * Returns once the runner processes records.
     *
     * @throws dev.pairing.launcher.process.LaunchException with its log's end when it exits first or
     *     is not RUNNING within {@code timeout}
     */
    public StreamsRunnerProcess awaitRunning(Duration timeout) {
        process.awaitLog(RUNNING_LINE, timeout);
        return this;
    }

    /** The JVM of the current start: its pid, its log, its exit status. */
    public ChildProcess process() {
        return process;
    }

    /** The test host it runs on, if it was started on one. */
    public Optional<Host> host() {
        return Optional.ofNullable(host);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The same command again, on the same state directory: its instance id lets it take its partitions back. */
    public synchronized StreamsRunnerProcess restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(process + " still runs");
        }
        process = launch();
        return this;
    }

    /** SIGTERM: the runner commits, leaves its group and exits; SIGKILL after {@code grace}. */
    public int stop(Duration grace) {
        return process.stop(grace);
    }

    @Override
    public String description() {
        return "the Streams runner";
    }

    @Override
    public Optional<String> failure() {
        ChildProcess runner = process;
        if (runner.exitedByItself() && !runner.stopRequested()) {
            return Optional.of("the Streams runner exited (" + ExitStatus.describe(runner.exitStatus().getAsInt())
                    + "):\n" + runner.logTail(10) + "\nsee " + runner.logFile());
        }
        return Optional.empty();
    }

    /** Ready by its readiness probe (RUNNING with tasks) when it serves one; else RUNNING once since its start. */
    @Override
    public boolean isWorking() {
        ChildProcess runner = process;
        if (!runner.isAlive()) {
            return false;
        }
        if (readiness == null) {
            return runner.logContains(RUNNING_LINE);
        }
        return HttpProbe.answersOk(readiness, Duration.ofSeconds(2));
    }

    @Override
    public String kill() {
        ChildProcess runner = process;
        runner.kill();
        return "the Streams runner (pid " + runner.pid() + ")";
    }

    @Override
    public RunnerPart crashablePart() {
        ChildProcess runner = process;
        return new RunnerPart("the Streams runner (pid " + runner.pid() + ")", runner.pid(), host());
    }

    @Override
    public Optional<String> deadPart() {
        ChildProcess runner = process;
        return runner.killedBySignal() && !runner.stopRequested()
                ? Optional.of("the Streams runner (pid " + runner.pid() + ", "
                        + ExitStatus.describe(runner.exitStatus().getAsInt()) + ")")
                : Optional.empty();
    }

    @Override
    public synchronized void replaceDeadPart() {
        if (deadPart().isPresent()) {
            restart();
        }
    }

    @Override
    public Map<String, Long> processIds() {
        ChildProcess runner = process;
        return runner.isAlive() ? Map.of("streams runner", runner.pid()) : Map.of();
    }

    @Override
    public String stop() {
        ChildProcess runner = process;
        if (!runner.isAlive()) {
            return "the Streams runner had stopped";
        }
        return "the Streams runner stopped (" + ExitStatus.describe(runner.stop(STOP_GRACE)) + ")";
    }

    @Override
    public void abort() {
        ChildProcess runner = process;
        if (runner.isAlive()) {
            runner.stop(Duration.ofSeconds(5));
        }
    }

    @Override
    public String toString() {
        return process.toString();
    }
}
