package dev.pairing.launcher.flink;

import dev.pairing.launcher.runner.RunnerFlags;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code flink run -d} submits: the job jar, the job's flags, and how to run it.
 *
 * @param entryClass  a main class of the jar other than its manifest's (the benchmark's copy job),
 *                    or null
 * @param parallelism {@code flink run -p}, or 0 for the cluster's default
 * @param snapshot    a savepoint or retained checkpoint to start from ({@code -s}), or null
 */
public record JobSubmission(Path jar, RunnerFlags flags, String entryClass, int parallelism, String snapshot) {

    public JobSubmission {
        if (parallelism < 0) {
            throw new IllegalArgumentException("parallelism must be positive, or 0 for the cluster's default");
        }
    }

    /** The jar's own job with these flags, at the cluster's parallelism, from no snapshot. */
    public static JobSubmission of(Path jar, RunnerFlags flags) {
        return new JobSubmission(jar, flags, null, 0, null);
    }

    public JobSubmission withEntryClass(String mainClass) {
        return new JobSubmission(jar, flags, mainClass, parallelism, snapshot);
    }

    public JobSubmission withParallelism(int n) {
        return new JobSubmission(jar, flags, entryClass, n, snapshot);
    }

    /** Starting from a savepoint or retained checkpoint; null for none. */
    public JobSubmission fromSnapshot(String path) {
        return new JobSubmission(jar, flags, entryClass, parallelism, path);
    }

    /** Flink's client arguments: {@code run -d [-p N] [-s snapshot] [-c class] jar flags...}. */
    List<String> runArgs() {
        List<String> args = new ArrayList<>(List.of("run", "-d"));
        if (parallelism > 0) {
            args.addAll(List.of("-p", Integer.toString(parallelism)));
        }
        if (snapshot != null) {
            args.addAll(List.of("-s", snapshot));
        }
        if (entryClass != null) {
            args.addAll(List.of("-c", entryClass));
        }
        args.add(jar.toString());
        args.addAll(flags.toArgs());
        return args;
    }
}
