package dev.pairing.launcher.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    @TempDir
    Path dir;

    private ChildProcess child;

    @AfterEach
    void cleanUp() {
        if (child != null) {
            child.kill();
        }
    }

    @Test
    void ctrlCIsLeftToTheParentButStopEndsTheWholeTree() throws Exception {
        child = ChildProcess.start("sleeper", List.of("sh", "-c", "sleep 300 & echo started; wait"), Map.of(),
                dir.resolve("sleeper.log"));
        await().atMost(Duration.ofSeconds(10)).until(() -> child.logContains("started"));
        List<ProcessHandle> tree = ProcessHandle.of(child.pid()).orElseThrow().descendants().toList();
        assertThat(tree).isNotEmpty();

        new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(child::isAlive);

        child.stop(Duration.ofSeconds(5));
        assertThat(child.isAlive()).isFalse();
        assertThat(tree).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void anUnexpectedExitIsReportedAndAnAskedForOneIsNot() {
        java.util.concurrent.atomic.AtomicInteger reported = new java.util.concurrent.atomic.AtomicInteger(-1);
        child = ChildProcess.start("short-lived", List.of("sh", "-c", "exit 3"), Map.of(), dir.resolve("a.log"));
        child.onUnexpectedExit(reported::set);
        await().atMost(Duration.ofSeconds(10)).until(() -> reported.get() == 3);

        java.util.concurrent.atomic.AtomicBoolean stopReported = new java.util.concurrent.atomic.AtomicBoolean();
        ChildProcess stopped = ChildProcess.start("stopped", List.of("sleep", "300"), Map.of(), dir.resolve("b.log"));
        stopped.onUnexpectedExit(status -> stopReported.set(true));
        stopped.stop(Duration.ofSeconds(5));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).untilFalse(stopReported);
    }

    @Test
    void onlyWhatThisRunWroteToAnAppendedLogCounts() throws IOException {
        Path log = dir.resolve("runner.log");
        Files.writeString(log, "RUNNING (an earlier run)\n");

        child = ChildProcess.start("echo", List.of("sh", "-c", "echo starting; sleep 300"), Map.of(), log);

        await().atMost(Duration.ofSeconds(10)).until(() -> child.logContains("starting"));
        assertThat(child.logContains("RUNNING")).isFalse();
        assertThat(child.logTail(5)).isEqualTo("starting");
        assertThat(Files.readString(log)).startsWith("RUNNING (an earlier run)");
    }

    @Test
    void awaitingALogLineEndsWithTheLogsEndWhenTheProcessExitsFirst() {
        child = ChildProcess.start("ready", List.of("sh", "-c", "echo booting; echo READY now; sleep 300"), Map.of(),
                dir.resolve("ready.log"));
        child.awaitLog("READY", Duration.ofSeconds(10));
        assertThat(child.output()).isEqualTo("booting\nREADY now\n");
        assertThat(child.stop(Duration.ofSeconds(5))).as("SIGTERM ended it").isEqualTo(143);
        assertThat(child.stopRequested()).isTrue();

        ChildProcess failing = ChildProcess.start("failing", List.of("sh", "-c", "echo no such flag; exit 2"), Map.of(),
                dir.resolve("failing.log"));
        assertThatThrownBy(() -> failing.awaitLog("READY", Duration.ofSeconds(10)))
                .isInstanceOf(LaunchException.class).hasMessageContaining("failing exited (status 2)")
                .hasMessageContaining("no such flag");
        assertThat(failing.exitedByItself()).isTrue();
        assertThat(failing.stopRequested()).isFalse();
    }

    @Test
    void closingKillsWhatStillRuns() {
        ChildProcess closed;
        try (ChildProcess running = ChildProcess.start("closed", List.of("sleep", "300"), Map.of(), dir.resolve("d.log"))) {
            closed = running;
        }
        assertThat(closed.isAlive()).isFalse();
        assertThat(closed.killedBySignal()).isTrue();
    }

    @Test
    void killIsImmediate() {
        child = ChildProcess.start("stubborn", List.of("sh", "-c", "trap '' TERM; sleep 300 & wait"), Map.of(),
                dir.resolve("c.log"));
        child.kill();
        assertThat(child.isAlive()).isFalse();
    }
}
