package dev.pairing.local.cli;

import dev.pairing.launcher.process.ChildProcess;
import dev.pairing.launcher.process.Children;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps local processes in the foreground: returns when one of them exits by itself (reported as a
 * failure), and on Ctrl-C stops them all cleanly before the JVM exits.
 */
final class Foreground {

    private Foreground() {}

    /** Blocks until a process exits or Ctrl-C; returns the exit status for the command (-1 after Ctrl-C). */
    static int hold(List<ChildProcess> processes, Runnable stopAll, PrintStream err) {
        return supervise(processes, List::of, dead -> { }, stopAll, err);
    }

    /**
     * Like {@link #hold}, but a {@code replaceable} process that exits is handed to {@code replace}
     * (which starts a successor) instead of ending the command, as a supervisor of a standalone
     * cluster does; only an {@code essential} one exiting, a failed replacement or Ctrl-C ends it.
     */
    static int supervise(List<ChildProcess> essential, Supplier<List<ChildProcess>> replaceable,
            Consumer<ChildProcess> replace, Runnable stopAll, PrintStream err) {
        AtomicBoolean shuttingDown = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            shuttingDown.set(true);
            stopAll.run();
            Children.stopAll(Duration.ofSeconds(10));
            stopped.countDown();
        }, "foreground-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        while (true) {
            List<ChildProcess> watched = new ArrayList<>(replaceable.get());
            watched.addAll(essential);
            CompletableFuture.anyOf(watched.stream().map(ChildProcess::onExit).toArray(CompletableFuture[]::new)).join();
            if (shuttingDown.get()) {
                awaitQuietly(stopped);
                return -1;
            }
            List<String> failures = new ArrayList<>();
            for (ChildProcess process : essential) {
                if (!process.isAlive()) {
                    failures.add(process.name() + " exited unexpectedly (status " + process.onExit().join().exitValue()
                            + "); see " + process.logFile());
                }
            }
            for (ChildProcess process : watched) {
                if (failures.isEmpty() && !essential.contains(process) && !process.isAlive() && !shuttingDown.get()) {
                    try {
                        replace.accept(process);
                    } catch (RuntimeException e) {
                        failures.add("could not replace " + process.name() + ": " + e.getMessage());
                    }
                }
            }
            if (!failures.isEmpty()) {
                if (!removeHook(hook)) {
                    // Ctrl-C: the hook is stopping everything; let the JVM finish with it
                    awaitQuietly(stopped);
                    return -1;
                }
                failures.forEach(err::println);
                stopAll.run();
                Children.stopAll(Duration.ofSeconds(10));
                return 1;
            }
        }
    }

    /** False when the JVM is already shutting down (Ctrl-C): the caller must then not call System.exit. */
    static boolean removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            return true;
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
