package dev.pairing.local.cli;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code ./pairing}: one entry point for running the pipeline on this machine. The script runs the
 * producer and the Streams runner from their own jars; everything that starts or watches local
 * processes is here.
 */
public final class PairingCommand {

    static final String USAGE = String.join("\n",
            "Usage: ./pairing <command> [flags]      (every command takes --help)",
            "",
            "  demo            the whole pipeline on this machine: Kafka, a runner, the producer, live pairs",
            "                  ./pairing demo [--engine streams|flink] [--rate N] [--duration D] [--fresh]",
            "                  ./pairing demo --chaos [--guarantee at_least_once]: kills and restarts on the way",
            "  kill            crash a running demo's runner, TaskManager or broker (SIGKILL); the demo restarts it",
            "                  ./pairing kill runner|taskmanager|broker [--node N]",
            "  kafka           a local single-node Kafka broker (KRaft) in the foreground, with the topics",
            "  flink-cluster   a local Flink session cluster (JobManager + TaskManager) in the foreground",
            "  registry        a local schema registry (Apicurio, Confluent-compatible API) in the foreground",
            "  produce         send numbers to the raw topic (the producer)",
            "  streams         run the Kafka Streams runner",
            "  flink           submit the Flink job to a cluster (--jobmanager host:port)",
            "  tail TOPIC      print a topic's records decoded, one per line",
            "  verify          check a pipeline's topics: every raw record accounted for exactly once",
            "  bench           measure both engines against a raw Kafka exactly-once copy on a local broker",
            "");

    private PairingCommand() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code >= 0) {
            System.exit(code);
        }
    }

    /** The exit status, or -1 when the command ended because the JVM is shutting down (Ctrl-C). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return dispatch(args[0], rest, out, err);
        } catch (RuntimeException e) {
            // what the user can act on, without a stack trace: a missing build, a taken port, a wipe refused
            err.println("pairing " + args[0] + ": " + e.getMessage());
            return 1;
        }
    }

    private static int dispatch(String command, String[] rest, PrintStream out, PrintStream err) {
        return switch (command) {
            case "demo" -> DemoCommand.run(rest, out, err);
            case "kafka" -> KafkaCommand.run(rest, out, err);
            case "flink-cluster" -> FlinkClusterCommand.run(rest, out, err);
            case "registry" -> RegistryCommand.run(rest, out, err);
            case "flink" -> FlinkSubmitCommand.run(rest, out, err);
            case "tail" -> TailCommand.run(rest, out, err);
            case "kill" -> KillCommand.run(rest, out, err);
            default -> {
                err.println("pairing: unknown command '" + command + "'");
                err.println();
                err.print(USAGE);
                yield 2;
            }
        };
    }
}
