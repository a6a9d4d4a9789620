package dev.pairing.streams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The packaged runner ({@code target/streams-runner.jar}) in a child JVM, as an operator runs it:
 * so a test can kill it for real (SIGKILL: no shutdown hook, no commit, no goodbye to the group).
 */
final class RunnerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private RunnerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static Path jar() {
        String jar = System.getProperty("streams.runner.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("the packaged runner is missing (" + jar + "): run the ITs with `mvn verify`");
        }
        return Path.of(jar);
    }

    static RunnerProcess start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx384m", "-XX:+UseSerialGC",
                "-jar", jar().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new RunnerProcess(process, log);
    }

    /** Runs the runner to its end (for command lines that must fail) and returns its exit code. */
    static int runToExit(Path log, Duration timeout, String... args) throws Exception {
        try (RunnerProcess runner = start(log, args)) {
            if (!runner.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the runner did not exit within " + timeout + ":\n" + runner.output());
            }
            return runner.process.exitValue();
        }
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** Waits until the output has {@code count} lines containing {@code text}. */
    void awaitOutput(String text, int count, Duration timeout) {
        Awaitility.await("'" + text + "' x" + count + " in the runner's output").atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .failFast("the runner exited", () -> !process.isAlive())
                .until(() -> output().lines().filter(line -> line.contains(text)).count() >= count);
    }

    /** SIGKILL: the process gets no chance to commit, flush or close anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as Ctrl-C or an orchestrator would; returns the exit code. */
    int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the runner did not stop within " + timeout + " of SIGTERM");
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
