package dev.pairing.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads the resident set size (VmRSS in /proc/PID/status) of named processes once a second on a
 * thread of its own, from {@link #start} to {@link #stop}. A process that has gone is skipped.
 */
final class RssSampler {

    private static final long EVERY_MILLIS = 1000;

    private final Map<String, Long> pids;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile MemoryPeak peak = MemoryPeak.NONE;

    private RssSampler(Map<String, Long> pids) {
        this.pids = pids;
        this.thread = new Thread(this::loop, "rss-sampler");
        thread.setDaemon(true);
    }

    /** @param pids process name to pid, in the order the report lists them */
    static RssSampler start(Map<String, Long> pids) {
        RssSampler sampler = new RssSampler(new LinkedHashMap<>(pids));
        sampler.peak = sampler.peak.plus(sampler.sampleOnce(sampler.pids));
        sampler.thread.start();
        return sampler;
    }

    /**
     * Takes a last sample and returns the peaks. The last sample is taken here, after the thread has
     * ended, so it is there even when stop comes before the thread's first turn.
     */
    synchronized MemoryPeak stop() {
        if (!stopped) {
            stopped = true;
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            peak = peak.plus(sampleOnce(pids));
        }
        return peak;
    }

    private void loop() {
        while (!stopped) {
            try {
                Thread.sleep(EVERY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            peak = peak.plus(sampleOnce(pids));
        }
    }

    private Map<String, Long> sampleOnce(Map<String, Long> named) {
        Map<String, Long> rss = new LinkedHashMap<>();
        named.forEach((name, pid) -> read(pid).ifPresent(kb -> rss.put(name, kb)));
        return rss;
    }

    private static OptionalLong read(long pid) {
        try {
            return vmRssKb(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The VmRSS line of a /proc/PID/status text, in kB; empty when absent (a zombie has none). */
    static OptionalLong vmRssKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String digits = line.substring("VmRSS:".length()).replaceAll("[^0-9]", "");
                return digits.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(digits));
            }
        }
        return OptionalLong.empty();
    }
}
