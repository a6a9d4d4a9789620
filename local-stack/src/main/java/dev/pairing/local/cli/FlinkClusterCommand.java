package dev.pairing.local.cli;

import dev.pairing.flags.FlagSet;
import dev.pairing.flags.UsageException;
import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.flink.FlinkClusterOptions;
import dev.pairing.launcher.flink.FlinkPorts;
import dev.pairing.launcher.flink.LocalFlinkCluster;
import dev.pairing.launcher.process.ChildProcess;
import dev.pairing.local.demo.DemoSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code pairing flink-cluster}: a local Flink session cluster alone, in the foreground. */
final class FlinkClusterCommand {

    private FlinkClusterCommand() {}

    static FlagSet flags() {
        return DataDirFlags.add(new FlagSet("pairing flink-cluster",
                "A real Flink session cluster on this machine: a JobManager (with the dashboard) and TaskManagers,\n"
                        + "each a JVM, in the foreground. A TaskManager that dies is reported and replaced, as a\n"
                        + "supervisor would; Ctrl-C stops them all. Submit the job with `./pairing flink`.")
                .option("taskManagers", "1", "TaskManagers to start, two slots each")
                .option("restPort", "8081", "the REST API and dashboard port")
                .option("rpcPort", "6123", "the JobManager's RPC port; rpcPort-2..rpcPort+3 are used"),
                ".pairing/flink-cluster", "configuration, logs, checkpoints and savepoints");
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Usage.withFlags(flags(), DemoSettings.normalise(args), out, err, flags -> {
            FlinkPorts ports;
            try {
                ports = new FlinkPorts(flags.intValue("restPort", 1, 65535), flags.intValue("rpcPort", 3, 65532));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            int taskManagers = flags.intValue("taskManagers", 1, 16);
            // before --fresh deletes anything; what fails here PairingCommand prints, without a stack trace
            ports.requireFree();
            Path dir = DataDirFlags.prepare(flags);
            out.printf("starting a Flink JobManager and %d TaskManager%s ...%n", taskManagers, taskManagers == 1 ? "" : "s");
            LocalFlinkCluster cluster = LocalFlinkCluster.start(LocalBuild.locate(), dir, ports,
                    FlinkClusterOptions.DEFAULTS.withTaskManagers(taskManagers));
            out.println("Flink is up: dashboard " + cluster.restUrl() + ", logs in " + cluster.logDir());
            out.println("submit the job: ./pairing flink --jobmanager localhost:" + ports.rest()
                    + " --bootstrapServers 127.0.0.1:9092; Ctrl-C stops the cluster");
            return Foreground.supervise(List.of(cluster.jobManager()), cluster::taskManagers, dead -> {
                out.printf("%s (pid %d) exited with status %d; starting a replacement ...%n", dead.name(), dead.pid(),
                        dead.onExit().join().exitValue());
                long start = System.nanoTime();
                ChildProcess replacement = cluster.replaceTaskManager(dead);
                out.printf(Locale.ROOT, "%s (pid %d) registered %.1f s later; running jobs restart from their last"
                        + " checkpoint%n", replacement.name(), replacement.pid(), (System.nanoTime() - start) / 1e9);
            }, cluster::stop, err);
        });
    }
}
