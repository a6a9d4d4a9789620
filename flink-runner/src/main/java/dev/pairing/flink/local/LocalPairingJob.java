package dev.pairing.flink.local;

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
 * from the latest one ({@link LocalCheckpoints}), pending numbers included. {@code ./pairing flink-local}
 * runs it with Flink's jars next to the job jar; its flags are {@link LocalJobFlags}'.
 */
public final class LocalPairingJob {

    private LocalPairingJob() {}

    public static void main(String[] args) throws Exception {
        int status = RunnerCommand.run(LocalJobFlags.declare(), args, System.out, System.err, flags -> {
            LocalJobFlags.Settings settings = LocalJobFlags.toSettings(flags);
            PairingJobConfig parsed = settings.job();
            Path stateDir = settings.stateDir();
            int parallelism = settings.parallelism();
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
