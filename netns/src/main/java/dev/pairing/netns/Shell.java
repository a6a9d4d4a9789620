package dev.pairing.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a system command (ip, iptables, tc, kill) to its end and hands back what it printed. */
final class Shell {

    private Shell() {}

    static CommandResult run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new NetworkException(String.join(" ", command) + " did not finish within 60 s");
            }
            return new CommandResult(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkException("interrupted while running " + String.join(" ", command));
        }
    }

    static CommandResult run(String... command) {
        return run(List.of(command));
    }

    /** Runs it and fails with its output when it exits non-zero. */
    static String require(String... command) {
        CommandResult result = run(command);
        if (!result.ok()) {
            throw new NetworkException(String.join(" ", command) + " failed (exit " + result.status() + "): "
                    + result.output().strip());
        }
        return result.output();
    }
}
