package dev.pairing.flink.local;

import dev.pairing.flags.Flag;
import dev.pairing.flags.FlagSet;
import dev.pairing.flink.JobFlags;
import dev.pairing.flink.PairingJob;
import dev.pairing.flink.PairingJobConfig;
import dev.pairing.runtime.PipelineStartup;
import dev.pairing.runtime.RunnerCommand;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The pairing job in this one JVM: Flink's MiniCluster (a JobManager and a TaskManager inside this
 * process) instead of a session cluster of two JVMs plus a client. Same job, same flags, same
 * exactly-once output; what a session cluster adds (a dashboard, jobs of several users, TaskManagers
 * that come and go) a single local pipeline does not need, and one JVM needs about half the memory
 * (docs/running-locally.md).
 *
 * <p>Nothing lost across restarts of this process: checkpoints go to {@code --stateDir} and are kept
 * when it stops, and the next start with the same {@code --stateDir} and {@code --groupId} resumes
 * from the latest one ({@link LocalCheckpoints}), pending numbers included. Run it with Flink's jars
 * next to the job jar:
 *
 * <pre>{@code
 * java -Xmx512m -cp "flink-runner/target/flink-runner.jar:launcher/flink-lib/target/lib/*" \
 *     dev.pairing.flink.local.LocalPairingJob --bootstrapServers localhost:9092 --checkpointInterval 1s
 * }</pre>
 */
public final class LocalPairingJob {

    static final String COMMAND = "java -cp flink-runner.jar:<Flink's jars> " + LocalPairingJob.class.getName();

    public static final Flag<String> STATE_DIR = Flag.name("stateDir", ".pairing/flink-local",
            "where checkpoints are kept; a start resumes from the latest one of the same --groupId");
    public static final Flag<Integer> PARALLELISM = Flag.integer("parallelism", 1, 1, 128,
            "parallel subtasks (task slots of the one TaskManager)");

    private LocalPairingJob() {}

    /**
     * The local command's flags: the job's, plus where checkpoints go and the parallelism.
     *
     * @return a new flag set
     */
    public static FlagSet declare() {
        return JobFlags.declareOn(new FlagSet(COMMAND, JobFlags.SUMMARY + " In this JVM, on Flink's MiniCluster."))
                .add(STATE_DIR, PARALLELISM);
    }

    public static void main(String[] args) throws Exception {
        int status = RunnerCommand.run(declare(), args, System.out, System.err, flags -> {
            PairingJobConfig parsed = JobFlags.toConfig(flags);
            Path stateDir = Path.of(STATE_DIR.from(flags)).toAbsolutePath();
            int parallelism = PARALLELISM.from(flags);
            System.out.println("pairing job starting in this JVM with " + parsed.describe() + " stateDir=" + stateDir
                    + " parallelism=" + parallelism);
            PairingJobConfig config = PairingJob.prepare(parsed, PipelineStartup.Report.printing(System.out::println));
            LocalCheckpoints checkpoints = new LocalCheckpoints(stateDir, config.pipeline().groupId());
            Optional<Path> latest = checkpoints.latest();
            System.out.println(latest.map(p -> "resuming from checkpoint " + p)
                    .orElse("no checkpoint of group " + config.pipeline().groupId() + " in " + stateDir
                            + ": starting from the group's committed offsets"));
            Configuration cluster = LocalCluster.configuration(parallelism, checkpoints, latest);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, cluster);
            new PairingJob(config).build(env);
            env.execute("pairing " + config.pipeline().rawTopic() + " (pairSum " + config.pipeline().pairSum() + ")");
            return RunnerCommand.CLEAN;
        });
        System.exit(status);
    }
}
