package dev.pairing.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A packaged command-line jar (a runner, the producer, verify) in a child JVM, as an operator runs
 * it, with stdout and stderr appended to a log file. A child process, not a thread, so that a test
 * can kill it for real: SIGKILL leaves no shutdown hook, no commit and no goodbye to the group.
 */
public final class JarProcess implements AutoCloseable {

    /** Small and simple: several of these run next to a broker on two cores. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC");

    /** Children still running when the test JVM ends (a test that forgot one, an abort) die with it. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "jar-process-reaper"));
    }

    private final String name;
    private final Process process;
    private final Path log;

    private JarProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * The jar named by a system property that the module's pom sets (failsafe's
     * {@code systemPropertyVariables}), failing with a message that says how to build it.
     */
    public static Path jarFromProperty(String property) {
        String jar = System.getProperty(property);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("the packaged jar is missing (" + property + "=" + jar
                    + "): build it first (mvn package) and run the ITs with `mvn verify`");
        }
        return Path.of(jar);
    }

    public static JarProcess start(Path jar, Path log, String... args) {
        return start(jar, DEFAULT_JVM_OPTIONS, log, args);
    }

    public static JarProcess start(Path jar, List<String> jvmOptions, Path log, String... args) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            RUNNING.add(process);
            process.onExit().thenRun(() -> RUNNING.remove(process));
            return new JarProcess(jar.getFileName().toString(), process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + jar, e);
        }
    }

    /** Runs the jar to its end (for command lines that must finish or fail) and returns its exit code. */
    public static int runToExit(Path jar, Path log, Duration timeout, String... args) {
        try (JarProcess child = start(jar, log, args)) {
            return child.awaitExit(timeout);
        }
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything it has written so far (the log is appended to across runs: give each run its own). */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    public long linesContaining(String text) {
        return output().lines().filter(line -> line.contains(text)).count();
    }

    /**
     * Waits until the output has {@code count} lines containing {@code text}.
     *
     * @throws AssertionError with the output's end when the process exits or the timeout passes first
     */
    public void awaitOutput(String text, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (linesContaining(text) < count) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited (" + process.exitValue() + ") before printing '" + text
                        + "' x" + count + ":\n" + tail(30));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' x" + count + " from " + name + " within " + timeout
                        + ":\n" + tail(30));
            }
            Pause.briefly();
        }
    }

    /**
     * Waits for the process to end by itself and returns its exit code.
     *
     * @throws AssertionError (after killing it) when it is still running at the timeout
     */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new AssertionError(name + " did not exit within " + timeout + ":\n" + tail(30));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    /** SIGKILL, and wait until it is gone: the process gets no chance to commit, flush or close anything. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, as Ctrl-C or an orchestrator would; returns the exit code. */
    public int stop(Duration timeout) {
        process.destroy();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new AssertionError(name + " did not stop within " + timeout + " of SIGTERM:\n" + tail(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + name, e);
        }
        return process.exitValue();
    }

    /** The last lines of the output, for failure messages. */
    public String tail(int lines) {
        List<String> all = output().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
