package dev.pairing.local.chaos;

import dev.pairing.launcher.process.DirectoryUsers;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The processes of a target that work under a data directory, found by their command lines as
 * {@link DirectoryUsers} finds them: what {@code pairing kill} can SIGKILL from another terminal.
 */
public final class TargetProcesses {

    private TargetProcesses() {}

    /** The target's processes under {@code dataDir}, oldest first. */
    public static List<ProcessHandle> of(ChaosTarget target, Path dataDir) {
        Pattern main = Pattern.compile("(^|\\s)" + Pattern.quote(target.mainClass()) + "(\\s|$)");
        return DirectoryUsers.of(dataDir).stream()
                .filter(p -> p.info().commandLine().map(line -> main.matcher(line).find()).orElse(false))
                .sorted((a, b) -> Long.compare(a.pid(), b.pid()))
                .toList();
    }

    /** The broker among {@code brokers} whose data is in {@code node-N}, as a cluster of the local stack lays it out. */
    public static List<ProcessHandle> node(List<ProcessHandle> brokers, int node) {
        Pattern dir = Pattern.compile("/node-" + node + "/");
        return brokers.stream()
                .filter(p -> p.info().commandLine().map(line -> dir.matcher(line).find()).orElse(false))
                .toList();
    }
}
