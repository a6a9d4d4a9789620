package dev.pairing.local.cli;

import dev.pairing.flags.FlagSet;
import dev.pairing.flags.ParsedFlags;
import dev.pairing.flags.UsageException;
import dev.pairing.flink.local.LocalJobFlags;
import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.flink.LocalJobJvm;
import java.io.PrintStream;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code pairing flink-local}: the Flink job in a JVM of its own on Flink's MiniCluster (flink-runner's
 * {@code LocalPairingJob}), in the foreground. It accepts every flag of the local job, from its own
 * declaration ({@link LocalJobFlags#declare()}), checks their values as the job does, so a bad command
 * line ends here with this command's usage, and passes on exactly those given. Ctrl-C stops the job;
 * its checkpoints stay in {@code --stateDir}, and the next start resumes from them.
 */
final class FlinkLocalCommand {

    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]");

    private FlinkLocalCommand() {}

    /** This command's own flag, then every flag of the local job. */
    static FlagSet flags() {
        return LocalJobFlags.declareOn(new FlagSet("pairing flink-local",
                "Runs the pairing job on Flink's MiniCluster in one JVM, in the foreground: no session cluster, no\n"
                        + "submission. Checkpoints go to --stateDir; the next start with the same --stateDir and --groupId\n"
                        + "resumes from the latest one, pending numbers included. Ctrl-C stops it and keeps them.\n"
                        + "After --heap come the job's own flags (flink-runner's LocalJobFlags), passed on as given.")
                .option("heap", "512m", "the job JVM's heap (-Xmx); state is on the heap, so it bounds how many numbers may wait"));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Usage.withFlags(flags(), args, out, err, flags -> {
            LocalJobFlags.Settings settings = LocalJobFlags.toSettings(flags);
            List<String> command = command(LocalBuild.locate(), flags, settings);
            out.println("Flink's log: " + LocalJobJvm.logFile(settings.stateDir()) + "; Ctrl-C stops the job,"
                    + " its checkpoints stay in " + settings.stateDir());
            return ForegroundJar.run(command);
        });
    }

    /** The job's JVM with the heap asked for and the job's flags the user gave. */
    static List<String> command(LocalBuild build, ParsedFlags flags, LocalJobFlags.Settings settings)
            throws UsageException {
        String heap = flags.string("heap");
        if (!HEAP.matcher(heap).matches()) {
            throw new UsageException("--heap must be a size such as 512m or 2g, got '" + heap + "'");
        }
        return LocalJobJvm.command(build, LocalJobFlags.MAIN_CLASS, heap, settings.stateDir(),
                flags.commandLine(LocalJobFlags.declare()));
    }
}
