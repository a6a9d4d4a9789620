package dev.pairing.local.cli;

import dev.pairing.flags.FlagSet;
import dev.pairing.flags.ParsedFlags;
import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.flink.FlinkCli;
import dev.pairing.launcher.flink.JobSubmission;
import dev.pairing.launcher.runner.RunnerFlags;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code pairing flink}: submits the job jar to a running Flink cluster through Flink's own client,
 * as {@code flink run -m host:port -d flink-runner.jar ...} would. The job's flags pass through.
 */
final class FlinkSubmitCommand {

    /** The job's own flags; given ones are passed on, absent ones keep the job's defaults. */
    static final List<String> JOB_FLAGS = List.of("pairSum", "bootstrapServers", "rawTopic", "groupId",
            "enrichedTopic", "DLQ", "unpairedTopic", "maxPendingPerClass", "pendingTtl", "guarantee",
            "checkpointInterval", "partitions", "kafkaConfig");

    private FlinkSubmitCommand() {}

    static FlagSet flags() {
        FlagSet flags = new FlagSet("pairing flink",
                "Submits the pairing job to a Flink cluster with Flink's own CLI client (detached).\n"
                        + "Job flags not listed here can follow a `--`; they go to the job as they are.")
                .option("jobmanager", "localhost:8081", "the cluster's REST address, host:port")
                .option("fromSavepoint", null, "a savepoint or retained checkpoint to start from")
                .option("jobJar", null, "the job jar (default: flink-runner/target/flink-runner.jar)");
        for (String name : JOB_FLAGS) {
            flags.option(name, null, "job flag --" + name + " (default: the job's)");
        }
        flags.repeatable("kafkaProperty", "job flag --kafkaProperty key=value (repeatable)");
        return flags;
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        int separator = Arrays.asList(args).indexOf("--");
        String[] ours = separator < 0 ? args : Arrays.copyOfRange(args, 0, separator);
        List<String> passThrough = separator < 0 ? List.of() : List.of(Arrays.copyOfRange(args, separator + 1, args.length));
        return Usage.withFlags(flags(), ours, out, err, flags -> {
            LocalBuild build = LocalBuild.locate();
            Path jar = flags.isSet("jobJar") ? Path.of(flags.string("jobJar")) : build.flinkJobJar();
            List<String> jobArgs = jobArgs(flags);
            jobArgs.addAll(passThrough);
            FlinkCli cli = FlinkCli.forRemote(build, flags.string("jobmanager"));
            out.println("submitting " + jar.getFileName() + " to " + flags.string("jobmanager") + " ...");
            String jobId = cli.submit(JobSubmission.of(jar, RunnerFlags.verbatim(jobArgs))
                    .fromSnapshot(flags.string("fromSavepoint")));
            out.println("job " + jobId + " submitted; dashboard: http://" + flags.string("jobmanager") + "/#/job/running/"
                    + jobId + "/overview");
            return 0;
        });
    }

    static List<String> jobArgs(ParsedFlags flags) {
        List<String> args = new ArrayList<>();
        for (String name : JOB_FLAGS) {
            if (flags.isSet(name)) {
                args.add("--" + name);
                args.add(flags.string(name));
            }
        }
        for (String property : flags.strings("kafkaProperty")) {
            args.add("--kafkaProperty");
            args.add(property);
        }
        return args;
    }
}
