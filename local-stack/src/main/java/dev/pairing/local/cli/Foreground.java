package dev.pairing.local.cli;

import dev.pairing.local.process.ChildProcess;
import dev.pairing.local.process.Children;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps local processes in the foreground: returns when one of them exits by itself (reported as a
 * failure), and on Ctrl-C stops them all cleanly before the JVM exits.
 */
final class Foreground {

    private Foreground() {}

    /** Blocks until a process exits or Ctrl-C; returns the exit status for the command (-1 after Ctrl-C). */
    static int hold(List<ChildProcess> processes, Runnable stopAll, PrintStream err) {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopAll.run();
            Children.stopAll(Duration.ofSeconds(10));
            stopped.countDown();
        }, "foreground-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        CompletableFuture<?>[] exits = processes.stream().map(ChildProcess::onExit).toArray(CompletableFuture[]::new);
        CompletableFuture.anyOf(exits).join();
        if (!removeHook(hook)) {
            // Ctrl-C: the hook is stopping everything; let the JVM finish with it
            awaitQuietly(stopped);
            return -1;
        }
        for (ChildProcess process : processes) {
            if (!process.isAlive()) {
                err.println(process.name() + " exited unexpectedly (status " + process.onExit().join().exitValue()
                        + "); see " + process.logFile());
            }
        }
        stopAll.run();
        Children.stopAll(Duration.ofSeconds(10));
        return 1;
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
