package dev.pairing.local.cli;

import dev.pairing.flags.FlagSet;
import dev.pairing.flags.UsageException;
import dev.pairing.local.chaos.ChaosTarget;
import dev.pairing.local.chaos.TargetProcesses;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code pairing kill runner|taskmanager|broker}: a crash by hand, from a second terminal, of a
 * process a running demo started. The demo restarts it as a supervisor would and shows the outage;
 * its final ledger shows what the crash did to the output (nothing, under exactly-once).
 */
final class KillCommand {

    private KillCommand() {}

    static FlagSet flags() {
        return new FlagSet("pairing kill runner|taskmanager|broker",
                "SIGKILLs a process a running `pairing demo` started, as a crash would; the demo restarts it.")
                .option("dataDir", ".pairing", "the demo's data directory")
                .option("node", null, "broker: which node (1, 2, ...; default: one at random)");
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String positional = args.length > 0 && !args[0].startsWith("--") ? args[0] : null;
        String[] flagArgs = positional == null ? args : Arrays.copyOfRange(args, 1, args.length);
        return Usage.withFlags(flags(), flagArgs, out, err, flags -> {
            if (positional == null) {
                throw new UsageException("name what to kill: runner, taskmanager or broker");
            }
            ChaosTarget target = ChaosTarget.fromFlag(positional).orElseThrow(() -> new UsageException(
                    "cannot kill '" + positional + "': choose runner, taskmanager or broker"));
            Path dataDir = Path.of(flags.string("dataDir")).toAbsolutePath().normalize();
            List<ProcessHandle> found = TargetProcesses.of(target, dataDir);
            if (found.isEmpty()) {
                err.println("pairing kill: no process of " + target.description() + " runs under " + dataDir
                        + hint(target));
                return 1;
            }
            if (target == ChaosTarget.BROKER && found.size() == 1) {
                err.println("pairing kill: the demo under " + dataDir + " runs a single broker. Killing it can lose "
                        + "the markers of transactions it was completing (Kafka 4.3.1), which no runner can make up "
                        + "for; start the demo with --brokers 3 (or --chaos) to kill a broker and see it survive.");
                return 1;
            }
            if (flags.isSet("node")) {
                int node = flags.intValue("node", 1, 99);
                found = TargetProcesses.node(found, node);
                if (found.isEmpty()) {
                    err.println("pairing kill: no broker node " + node + " runs under " + dataDir);
                    return 1;
                }
            }
            ProcessHandle victim = target == ChaosTarget.BROKER
                    ? found.get(ThreadLocalRandom.current().nextInt(found.size())) : found.get(0);
            victim.destroyForcibly();
            boolean gone = awaitGone(victim);
            out.printf("SIGKILL pid %d: %s under %s%s%n", victim.pid(), target.description(), dataDir,
                    gone ? "" : " (still running 10 s later)");
            out.println("the demo restarts it as a supervisor would; watch its output for the outage");
            return gone ? 0 : 1;
        });
    }

    private static String hint(ChaosTarget target) {
        return switch (target) {
            case RUNNER -> "; is a Streams demo running there (./pairing demo)?";
            case TASKMANAGER -> "; is a Flink demo running there (./pairing demo --engine flink)?";
            case BROKER -> "; is a demo running there?";
        };
    }

    private static boolean awaitGone(ProcessHandle process) {
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return !process.isAlive();
        }
    }
}
