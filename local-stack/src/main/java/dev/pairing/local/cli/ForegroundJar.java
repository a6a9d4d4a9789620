package dev.pairing.local.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A packaged jar run in the foreground, as {@code java -jar} runs it: its output on this terminal,
 * its exit status this command's. Ctrl-C reaches it as it reaches this JVM (the terminal signals
 * both), and this JVM waits for it to finish its own shutdown, so the prompt never comes back
 * while it still prints.
 */
final class ForegroundJar {

    /** The Streams runner's clean shutdown takes up to 30 s; a little more before it is forced. */
    private static final long SHUTDOWN_WAIT_SECONDS = 45;

    private ForegroundJar() {}

    /** Runs the command; its exit status, or -1 when this JVM is shutting down (Ctrl-C). */
    static int run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command.get(0) + ": " + e.getMessage(), e);
        }
        Thread hook = new Thread(() -> {
            // Ctrl-C signalled it already; a SIGTERM from elsewhere reached only this JVM
            process.destroy();
            try {
                if (!process.waitFor(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }, "foreground-jar-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            int status = process.waitFor();
            return Foreground.removeHook(hook) ? status : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return 130;
        }
    }
}
