package dev.pairing.local.cli;

import dev.pairing.flags.FlagSet;
import dev.pairing.flags.ParsedFlags;
import dev.pairing.flags.UsageException;
import dev.pairing.flink.JobFlags;
import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.flink.FlinkCli;
import dev.pairing.launcher.flink.FlinkRest;
import dev.pairing.launcher.flink.JobSubmission;
import dev.pairing.launcher.runner.RunnerFlags;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code pairing flink}: submits the job jar to a running Flink cluster through Flink's own client,
 * as {@code flink run -m host:port -d flink-runner.jar ...} would, and waits until it runs. It
 * accepts every flag of the job, from the job's own declaration ({@link JobFlags#declare()}), and
 * passes on exactly those given, so the job applies its own defaults to the rest.
 */
final class FlinkSubmitCommand {

    private FlinkSubmitCommand() {}

    /** This command's own flags, then every flag of the job. */
    static FlagSet flags() {
        return new FlagSet("pairing flink",
                "Submits the pairing job to a Flink cluster with Flink's own CLI client (detached) and waits until it\n"
                        + "runs. After --awaitRunning come the job's own flags (flink-runner's JobFlags), passed on as given.")
                .option("jobmanager", "localhost:8081", "the cluster's REST address, host:port")
                .option("fromSavepoint", null, "a savepoint or retained checkpoint to start from")
                .option("jobJar", null, "the job jar (default: flink-runner/target/flink-runner.jar)")
                .option("awaitRunning", "2m", "how long to wait until every task of the job runs; 0 = return once submitted")
                .include(JobFlags.declare());
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        // what follows a bare -- goes to the job verbatim, e.g. for a job jar with flags of its own
        int separator = Arrays.asList(args).indexOf("--");
        String[] ours = separator < 0 ? args : Arrays.copyOfRange(args, 0, separator);
        List<String> verbatim = separator < 0 ? List.of() : List.of(Arrays.copyOfRange(args, separator + 1, args.length));
        return Usage.withFlags(flags(), ours, out, err, flags -> {
            LocalBuild build = LocalBuild.locate();
            Path jar = flags.isSet("jobJar") ? Path.of(flags.string("jobJar")) : build.flinkJobJar();
            Duration awaitRunning = flags.duration("awaitRunning");
            String jobManager = flags.string("jobmanager");
            out.println("submitting " + jar.getFileName() + " to " + jobManager + " ...");
            String jobId = FlinkCli.forRemote(build, jobManager).submit(submission(jar, flags, verbatim));
            out.println("job " + jobId + " submitted; dashboard: http://" + jobManager + "/#/job/running/" + jobId
                    + "/overview");
            if (!awaitRunning.isZero()) {
                new FlinkRest("http://" + jobManager).awaitRunning(jobId, awaitRunning);
                out.println("job " + jobId + " is RUNNING, all tasks deployed");
            }
            return 0;
        });
    }

    /** The job jar with the job's flags the user gave, then anything after a bare {@code --}. */
    static JobSubmission submission(Path jar, ParsedFlags flags, List<String> verbatim) throws UsageException {
        List<String> jobArgs = new ArrayList<>(flags.commandLine(JobFlags.declare()));
        jobArgs.addAll(verbatim);
        return JobSubmission.of(jar, RunnerFlags.verbatim(jobArgs)).fromSnapshot(flags.string("fromSavepoint"));
    }
}
