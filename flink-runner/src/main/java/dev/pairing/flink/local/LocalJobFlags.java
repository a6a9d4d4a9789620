package dev.pairing.flink.local;

import dev.pairing.flags.Flag;
import dev.pairing.flags.FlagSet;
import dev.pairing.flags.ParsedFlags;
import dev.pairing.flags.UsageException;
import dev.pairing.flink.JobFlags;
import dev.pairing.flink.PairingJobConfig;
import java.nio.file.Path;

/**
 * The command line of the job in one JVM ({@link LocalPairingJob}): the job's own flags plus where
 * checkpoints go and the parallelism. Free of Flink's classes, as {@link JobFlags} is, so that
 * {@code ./pairing flink-local}, which has flink-runner's classes but not Flink's, declares and
 * checks the same flags before it starts the job's JVM.
 */
public final class LocalJobFlags {

    /** The main class that runs the job on Flink's MiniCluster; a launcher starts it by this name. */
    public static final String MAIN_CLASS = "dev.pairing.flink.local.LocalPairingJob";
    static final String COMMAND = "java -cp flink-runner.jar:<Flink's jars> " + MAIN_CLASS;
    /** What the command does, after the job's own summary. */
    public static final String SUMMARY = JobFlags.SUMMARY + " In this JVM, on Flink's MiniCluster.";

    public static final Flag<String> STATE_DIR = Flag.name("stateDir", ".pairing/flink-local",
            "where checkpoints are kept; a start resumes from the latest one of the same --groupId");
    public static final Flag<Integer> PARALLELISM = Flag.integer("parallelism", 1, 1, 128,
            "parallel subtasks (task slots of the one TaskManager)");

    /**
     * A local run's settings, every value checked.
     *
     * @param job         the job's configuration, as {@code flink run} would get it
     * @param stateDir    where checkpoints go, absolute
     * @param parallelism parallel subtasks
     */
    public record Settings(PairingJobConfig job, Path stateDir, int parallelism) {}

    private LocalJobFlags() {}

    /**
     * The job's flags, plus where checkpoints go and the parallelism.
     *
     * @return a new flag set
     */
    public static FlagSet declare() {
        return declareOn(new FlagSet(COMMAND, SUMMARY));
    }

    /**
     * The same flags on another command's flag set (one that starts this JVM its own way).
     *
     * @param flags the command's flag set
     * @return the same flag set
     */
    public static FlagSet declareOn(FlagSet flags) {
        return JobFlags.declareOn(flags).add(STATE_DIR, PARALLELISM);
    }

    /**
     * Checks every value, as the job does before it starts.
     *
     * @throws UsageException for a value out of range or values that do not fit together
     */
    public static Settings toSettings(ParsedFlags flags) throws UsageException {
        return new Settings(JobFlags.toConfig(flags), Path.of(STATE_DIR.from(flags)).toAbsolutePath().normalize(),
                PARALLELISM.from(flags));
    }
}
