package dev.pairing.benchmarks.e2e;

import dev.pairing.netns.ProcessStat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * CPU time from /proc: each named process's user + system time (all its threads, from
 * {@code /proc/PID/stat} as {@link ProcessStat} reads it) and the whole machine's busy time (from
 * {@code /proc/stat}), so a run's cost shows per process and the rest of a shared machine's load
 * shows beside it. Both count in clock ticks of {@link #TICKS_PER_SECOND}.
 */
final class ProcessCpu {

    /** The kernel's USER_HZ, in which /proc counts CPU time: {@code getconf CLK_TCK}, 100 on Linux. */
    static final long TICKS_PER_SECOND = clockTicks();

    /** The name the harness's own JVM has in a {@link CpuTimes} (the baseline's copy loop runs in it). */
    static final String HARNESS = "harness";

    private final Map<String, Long> pids;

    /** @param pids process name to pid, in the order the report lists them; the harness is added */
    ProcessCpu(Map<String, Long> pids) {
        this.pids = new LinkedHashMap<>(pids);
        this.pids.put(HARNESS, ProcessHandle.current().pid());
    }

    /** Each process's CPU seconds so far and the machine's; a process that has gone is left out. */
    CpuTimes sample() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        pids.forEach((name, pid) -> stat(pid)
                .ifPresent(stat -> seconds.put(name, stat.cpuTicks() / (double) TICKS_PER_SECOND)));
        double machine = read(Path.of("/proc/stat")).map(t -> machineBusyTicks(t) / (double) TICKS_PER_SECOND)
                .orElse(Double.NaN);
        return new CpuTimes(seconds, machine);
    }

    /**
     * The busy ticks of all cores from {@code /proc/stat}'s first line: user, nice, system, irq,
     * softirq and steal (idle and iowait are not busy; guest time is already inside user).
     */
    static long machineBusyTicks(String procStat) {
        String first = procStat.lines().filter(l -> l.startsWith("cpu ")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cpu line in /proc/stat"));
        String[] f = first.trim().split("\\s+");
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
            busy += i < f.length ? Long.parseLong(f[i]) : 0;
        }
        return busy;
    }

    /** A process's stat; empty when it has gone or its stat cannot be read. */
    private static Optional<ProcessStat> stat(long pid) {
        try {
            return ProcessStat.of(pid);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long clockTicks() {
        return getconf().orElse(100);
    }

    private static OptionalLong getconf() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("\\d+")) {
                return OptionalLong.of(Long.parseLong(out));
            }
        } catch (IOException e) {
            // no getconf: Linux's USER_HZ is 100 on every architecture this runs on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OptionalLong.empty();
    }
}
