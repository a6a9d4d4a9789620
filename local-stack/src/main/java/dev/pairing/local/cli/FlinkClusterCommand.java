package dev.pairing.local.cli;

import dev.pairing.flags.FlagSet;
import dev.pairing.flags.UsageException;
import dev.pairing.local.Installation;
import dev.pairing.local.demo.DemoSettings;
import dev.pairing.local.flink.FlinkPorts;
import dev.pairing.local.flink.LocalFlinkCluster;
import dev.pairing.local.process.LaunchException;
import dev.pairing.local.process.Ports;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code pairing flink-cluster}: a local Flink session cluster alone, in the foreground. */
final class FlinkClusterCommand {

    private FlinkClusterCommand() {}

    static FlagSet flags() {
        return DataDirFlags.add(new FlagSet("pairing flink-cluster",
                "A real Flink session cluster on this machine: a JobManager (with the dashboard) and a TaskManager\n"
                        + "as two JVMs, in the foreground; Ctrl-C stops both. Submit the job with `./pairing flink`.")
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
            LocalFlinkCluster cluster;
            Path dir;
            try {
                // before --fresh deletes anything
                ports.requireFree();
                dir = DataDirFlags.prepare(flags);
                out.println("starting a Flink JobManager and TaskManager ...");
                cluster = LocalFlinkCluster.start(Installation.locate(), dir, ports);
            } catch (Ports.PortTakenException | LaunchException | IllegalStateException e) {
                err.println("pairing flink-cluster: " + e.getMessage());
                return 1;
            }
            out.println("Flink is up: dashboard " + cluster.restUrl() + ", logs in " + cluster.logDir());
            out.println("submit the job: ./pairing flink --jobmanager localhost:" + ports.rest()
                    + " --bootstrapServers 127.0.0.1:9092; Ctrl-C stops the cluster");
            return Foreground.hold(List.of(cluster.jobManager(), cluster.taskManager()), cluster::stop, err);
        });
    }
}
