package dev.pairing.launcher.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A process this tool started, with its output in a log file: a broker, a TaskManager, a runner, a
 * packaged command a test runs. It does not get the terminal's Ctrl-C: the parent decides the order
 * in which things stop (producer, runner, then the broker), so a child must not die on its own the
 * moment the user presses Ctrl-C. Stopping is SIGTERM (the child's graceful shutdown) then SIGKILL
 * after a grace period, for the child and its descendants; {@link #kill()} is SIGKILL at once, as a
 * crash, which leaves no shutdown hook, no commit and no goodbye to a group.
 */
public final class ChildProcess implements AutoCloseable {

    // a child started with SIGINT ignored keeps ignoring it after exec; the JVM respects that
    private static final String IGNORE_CTRL_C = "trap '' INT; exec \"$0\" \"$@\"";

    private final String name;
    private final Path logFile;
    private final long logStart;
    private final Process process;
    private volatile boolean stopping;
    private volatile boolean stopRequested;

    private ChildProcess(String name, Path logFile, long logStart, Process process) {
        this.name = name;
        this.logFile = logFile;
        this.logStart = logStart;
        this.process = process;
    }

    /**
     * Starts the command with stdout and stderr appended to {@code logFile}.
     *
     * @param environment extra environment variables
     */
    public static ChildProcess start(String name, List<String> command, Map<String, String> environment,
            Path logFile) {
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", IGNORE_CTRL_C));
        wrapped.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(wrapped).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            // the log is appended to across runs: only what this run writes counts
            long logStart = Files.exists(logFile) ? Files.size(logFile) : 0;
            ChildProcess child = new ChildProcess(name, logFile, logStart, builder.start());
            Children.register(child);
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status, once it has exited. */
    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** The exit status once it has exited; empty while it runs. */
    public OptionalInt exitStatus() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Whether it has exited and a signal ended it (a crash, a kill): what a supervisor restarts. */
    public boolean killedBySignal() {
        OptionalInt status = exitStatus();
        return status.isPresent() && ExitStatus.bySignal(status.getAsInt());
    }

    /** Whether it has exited by itself, not by a signal: a failure its log explains. */
    public boolean exitedByItself() {
        OptionalInt status = exitStatus();
        return status.isPresent() && !ExitStatus.bySignal(status.getAsInt());
    }

    /** Whether {@link #stop} was called: an exit after it is no crash and no failure. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** Calls {@code listener} with the exit status if the process ends without being asked to. */
    public void onUnexpectedExit(Consumer<Integer> listener) {
        process.onExit().thenAccept(p -> {
            if (!stopping) {
                listener.accept(p.exitValue());
            }
        });
    }

    /**
     * Waits for the process to end by itself, e.g. a one-shot command; returns its exit status.
     *
     * @throws IllegalStateException (after stopping it) with its log's end when it still runs at the timeout
     */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(Duration.ofSeconds(5));
                throw new IllegalStateException(name + " did not finish within " + timeout + "; its log " + logFile
                        + " ends:\n" + logTail(30));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(Duration.ofSeconds(5));
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    /**
     * SIGTERM, then SIGKILL if it is still running after {@code grace}. Waits until it is gone.
     *
     * @return its exit status: 0 for a clean shutdown, 143 when SIGTERM ended it, 137 after SIGKILL
     */
    public int stop(Duration grace) {
        stopping = true;
        stopRequested = true;
        List<ProcessHandle> tree = tree();
        tree.forEach(ProcessHandle::destroy);
        awaitGone(tree, grace);
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        awaitGone(tree, Duration.ofSeconds(10));
        awaitReaped();
        return exitStatus().orElse(-1);
    }

    /** SIGKILL now, as a crash would: no shutdown hooks, nothing flushed. Waits until it is gone. */
    public void kill() {
        stopping = true;
        List<ProcessHandle> tree = tree();
        tree.forEach(ProcessHandle::destroyForcibly);
        awaitGone(tree, Duration.ofSeconds(10));
        awaitReaped();
    }

    /**
     * A handle's exit and this {@link Process}'s own exit status are completed by separate callbacks:
     * {@link #isAlive()} can still say true just after the handle said it is gone. Callers that
     * check it next (a replacement may only start once the old one is dead) must see false.
     */
    private void awaitReaped() {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills it if it still runs: a test's try-with-resources never leaves a process behind. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    /** The last lines this run wrote to the log, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = log().lines().toList();
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log " + logFile + " unreadable: " + e.getMessage() + ")";
        }
    }

    /** Whether this run's log contains the text, e.g. a readiness line. */
    public boolean logContains(String text) {
        try {
            return log().contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until this run's log contains {@code text}.
     *
     * @throws LaunchException with the log's end when the process exits or {@code timeout} passes first
     */
    public void awaitLog(String text, Duration timeout) {
        boolean seen = Poll.until(timeout, Duration.ofMillis(200), () -> {
            if (logContains(text)) {
                return true;
            }
            if (!isAlive()) {
                throw new LaunchException(name + " exited (" + ExitStatus.describe(process.exitValue())
                        + ") before its log said '" + text + "'; " + logFile + " ends:\n" + logTail(30));
            }
            return false;
        });
        if (!seen) {
            throw new LaunchException("no '" + text + "' from " + name + " within " + timeout.toSeconds() + " s; "
                    + logFile + " ends:\n" + logTail(30));
        }
    }

    /** Everything this run has written to the log so far. */
    public String output() {
        try {
            return log();
        } catch (IOException e) {
            return "(log " + logFile + " unreadable: " + e.getMessage() + ")";
        }
    }

    private String log() throws IOException {
        if (!Files.exists(logFile)) {
            return "";
        }
        byte[] all = Files.readAllBytes(logFile);
        int from = (int) Math.min(logStart, all.length);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    private List<ProcessHandle> tree() {
        List<ProcessHandle> tree = new ArrayList<>();
        process.toHandle().descendants().forEach(tree::add);
        tree.add(process.toHandle());
        return tree;
    }

    private static void awaitGone(List<ProcessHandle> handles, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle handle : handles) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // timed out or failed to observe: the caller checks isAlive
            }
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }
}
