package dev.pairing.benchmarks.e2e;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU seconds per named process and of the whole machine, at one instant ({@link ProcessCpu#sample})
 * or between two ({@link #minus}).
 *
 * @param secondsByProcess user + system seconds of each process, in the report's order
 * @param machineSeconds   busy seconds of all cores together, every process on the machine included
 */
record CpuTimes(Map<String, Double> secondsByProcess, double machineSeconds) {

    static final CpuTimes NONE = new CpuTimes(Map.of(), Double.NaN);

    CpuTimes {
        secondsByProcess = Collections.unmodifiableMap(new LinkedHashMap<>(secondsByProcess));
    }

    /** What was used from {@code earlier} to this one; a process missing from either is left out. */
    CpuTimes minus(CpuTimes earlier) {
        Map<String, Double> used = new LinkedHashMap<>();
        secondsByProcess.forEach((name, s) -> {
            Double before = earlier.secondsByProcess.get(name);
            if (before != null) {
                used.put(name, s - before);
            }
        });
        return new CpuTimes(used, machineSeconds - earlier.machineSeconds);
    }

    /** The seconds of the named processes together: the run's own cost. */
    double totalSeconds() {
        return secondsByProcess.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The machine's busy seconds that none of the named processes used: other work on a shared machine. */
    double otherSeconds() {
        return Math.max(0, machineSeconds - totalSeconds());
    }

    /** Microseconds of CPU per event, each process's and in total, over {@code events} processed. */
    Map<String, Double> microsPerEvent(double events) {
        Map<String, Double> per = new LinkedHashMap<>();
        secondsByProcess.forEach((name, s) -> per.put(name, s * 1e6 / events));
        return per;
    }
}
