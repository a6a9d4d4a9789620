package dev.pairing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.process.Poll;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code pairing} entry point ({@code local-stack.jar}) in its own JVM, as a user runs
 * it, with every process it starts recorded while it runs so a test can check none is left.
 */
public final class PackagedCommand {

    private final Process process;
    private final Path output;
    private final Map<Long, ProcessHandle> seen = new ConcurrentHashMap<>();
    private final Thread watcher;

    private PackagedCommand(Process process, Path output) {
        this.process = process;
        this.output = output;
        this.watcher = new Thread(() -> {
            while (process.isAlive()) {
                process.descendants().forEach(h -> seen.putIfAbsent(h.pid(), h));
                try {
                    Poll.pause(Duration.ofMillis(100));
                } catch (IllegalStateException interrupted) {
                    return;
                }
            }
        }, "packaged-command-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** {@code pairing args...}, its output (stdout and stderr) going to {@code output}. */
    public static PackagedCommand start(Path output, List<String> args) throws IOException {
        LocalBuild build = LocalBuild.locate();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + LocalBuild.HOME_PROPERTY + "=" + build.home(),
                "-cp", build.home().resolve("local-stack/target/local-stack.jar").toString(),
                "dev.pairing.local.cli.PairingCommand"));
        command.addAll(args);
        Files.createDirectories(output.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new PackagedCommand(process, output);
    }

    /** The processes the command runs now (its children and theirs). */
    public List<ProcessHandle> descendants() {
        return process.descendants().filter(ProcessHandle::isAlive).toList();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Waits until the output contains {@code text}; fails at once if the command exits first. */
    public void awaitOutput(String text, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(200)).until(() -> output().contains(text) || !isAlive());
        assertThat(output()).contains(text);
    }

    /** Ctrl-C: SIGINT, as the terminal sends it. */
    public void interrupt() throws Exception {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
    }

    /** The exit status; kills the whole tree and fails if it does not end within {@code limit}. */
    public int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            destroyAll();
            throw new AssertionError("the command did not end within " + limit + ":\n" + output());
        }
        watcher.join(1000);
        return process.exitValue();
    }

    /** SIGKILL of the command's own JVM only, as a crash: what it started must notice and stop by itself. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        watcher.join(1000);
    }

    /** Waits until no process the command started is alive; fails if one still is after {@code within}. */
    public void awaitNothingLeft(Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(200))
                .until(() -> seen.values().stream().noneMatch(ProcessHandle::isAlive));
    }

    /** At least {@code started} processes were started, and none of them is alive. */
    public void assertNothingLeft(int started) {
        assertThat(seen).as("processes the command started").hasSizeGreaterThanOrEqualTo(started);
        assertThat(seen.values()).as("processes still alive:\n" + output()).noneMatch(ProcessHandle::isAlive);
    }

    public void destroyAll() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
