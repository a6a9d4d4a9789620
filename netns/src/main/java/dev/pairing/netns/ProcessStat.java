package dev.pairing.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fields of a process's {@code /proc/<pid>/stat} that the project reads: its state (field 3)
 * and the CPU time it used in user and in system mode (fields 14 and 15), in clock ticks.
 *
 * @param state       "R" running, "S" sleeping, "T" stopped by a signal, and the kernel's other letters
 * @param userTicks   utime: user-mode CPU time of all its threads
 * @param systemTicks stime: kernel-mode CPU time of all its threads
 */
public record ProcessStat(char state, long userTicks, long systemTicks) {

    /** The stat of process {@code pid} now; empty once it no longer exists. */
    public static Optional<ProcessStat> of(long pid) {
        try {
            // comm may hold any byte: ISO-8859-1 decodes every one of them, the fields after it are ASCII
            return Optional.of(parse(new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "stat")),
                    StandardCharsets.ISO_8859_1)));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a {@code /proc/<pid>/stat} line: "pid (comm) state ppid ...". The fields are counted after
     * the command name's last parenthesis, since the name may itself hold spaces and parentheses.
     */
    public static ProcessStat parse(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 1).trim().split("\\s+");
        // fields[0] is field 3 (state), so field n is fields[n - 3]
        return new ProcessStat(fields[0].charAt(0), Long.parseLong(fields[14 - 3]), Long.parseLong(fields[15 - 3]));
    }

    /** Stopped by a signal (SIGSTOP), as a frozen process is. */
    public boolean stopped() {
        return state == 'T';
    }

    /** User plus system time. */
    public long cpuTicks() {
        return userTicks + systemTicks;
    }
}
