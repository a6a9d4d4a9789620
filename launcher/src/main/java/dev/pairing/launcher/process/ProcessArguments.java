package dev.pairing.launcher.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A process's full command line. ProcessHandle's own view of it can come back empty for a JVM with a
 * long class path (Flink's), so on Linux it is read from {@code /proc}.
 */
public final class ProcessArguments {

    private ProcessArguments() {}

    public static List<String> of(long pid) {
        Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
        try {
            if (Files.exists(cmdline)) {
                return List.of(Files.readString(cmdline).split("\0"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ProcessHandle.of(pid).flatMap(h -> h.info().arguments()).map(List::of).orElseThrow();
    }

    /** Whether the process runs {@code mainClass} (also as the class an orphan guard starts). */
    public static boolean runs(ProcessHandle process, String mainClass) {
        try {
            return of(process.pid()).contains(mainClass);
        } catch (RuntimeException gone) {
            return false;
        }
    }
}
