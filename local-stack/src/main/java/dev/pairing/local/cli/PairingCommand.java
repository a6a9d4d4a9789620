package dev.pairing.local.cli;

import dev.pairing.launcher.LocalBuild;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./pairing}: the one entry point for running the pipeline on this machine. Every command is
 * dispatched here, from {@link #COMMANDS}, the same table the usage is printed from. The producer,
 * the Streams runner, verify and the benchmark run from their own packaged jars, in the foreground,
 * as {@code java -jar} runs them; everything that starts or watches local processes runs in this JVM.
 */
public final class PairingCommand {

    /** How a command runs a packaged jar in the foreground; tests record what it would run instead. */
    interface JarRunner {
        int run(PackagedJar jar, String[] args);
    }

    /** What a command does with its arguments; the exit status, or -1 after Ctrl-C. */
    interface Action {
        int run(String[] args, PrintStream out, PrintStream err, JarRunner jars);
    }

    /**
     * One command: its name, what follows it in the usage (a positional argument), a line saying
     * what it does, and examples.
     */
    record Command(String name, String argument, String summary, List<String> examples, Action action) {}

    static final List<Command> COMMANDS = List.of(
            new Command("demo", "", "the whole pipeline on this machine: Kafka, a runner, the producer, live pairs",
                    List.of("./pairing demo [--engine streams|flink] [--rate N] [--duration D] [--fresh]",
                            "./pairing demo --chaos [--guarantee at_least_once]: kills and restarts on the way"),
                    (args, out, err, jars) -> DemoCommand.run(args, out, err)),
            new Command("kill", "", "crash a running demo's runner, TaskManager or broker (SIGKILL); the demo restarts it",
                    List.of("./pairing kill runner|taskmanager|broker [--node N]"),
                    (args, out, err, jars) -> KillCommand.run(args, out, err)),
            new Command("kafka", "", "a local Kafka (KRaft, one node or several) in the foreground, with the topics",
                    List.of(), (args, out, err, jars) -> KafkaCommand.run(args, out, err)),
            new Command("flink-cluster", "", "a local Flink session cluster (JobManager + TaskManagers) in the foreground",
                    List.of(), (args, out, err, jars) -> FlinkClusterCommand.run(args, out, err)),
            new Command("registry", "", "a local schema registry (Apicurio, Confluent-compatible API) in the foreground",
                    List.of(), (args, out, err, jars) -> RegistryCommand.run(args, out, err)),
            new Command("produce", "", "send numbers to the raw topic (the producer's jar)", List.of(),
                    (args, out, err, jars) -> jars.run(PackagedJar.PRODUCER, args)),
            new Command("streams", "", "run the Kafka Streams runner (its jar)", List.of(),
                    (args, out, err, jars) -> jars.run(PackagedJar.STREAMS_RUNNER, args)),
            new Command("flink", "", "submit the Flink job to a cluster (--jobmanager host:port), with any of its flags",
                    List.of(), (args, out, err, jars) -> FlinkSubmitCommand.run(args, out, err)),
            new Command("flink-local", "", "run the Flink job in one JVM (Flink's MiniCluster), resuming from its checkpoints",
                    List.of("./pairing flink-local --bootstrapServers host:9092 [--stateDir DIR] [--checkpointInterval 1s]"),
                    (args, out, err, jars) -> FlinkLocalCommand.run(args, out, err)),
            new Command("console", "", "a live web console of a running pipeline: throughput, pending, pairs, dead letters",
                    List.of("./pairing console --bootstrapServers host:9092 --metrics host:9400 [--port 8090]"),
                    (args, out, err, jars) -> ConsoleCommand.run(args, out, err)),
            new Command("tail", "TOPIC", "print a topic's records decoded, one per line", List.of(),
                    (args, out, err, jars) -> TailCommand.run(args, out, err)),
            new Command("verify", "", "check a pipeline's topics: every raw record accounted for exactly once",
                    List.of(), (args, out, err, jars) -> jars.run(PackagedJar.VERIFY, args)),
            new Command("bench", "", "measure both engines against a raw Kafka exactly-once copy on a local broker",
                    List.of(), (args, out, err, jars) -> jars.run(PackagedJar.BENCHMARKS, args)));

    private PairingCommand() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err,
                (jar, jarArgs) -> ForegroundJar.run(jar.command(LocalBuild.locate(), jarArgs)));
        if (code >= 0) {
            System.exit(code);
        }
    }

    /** The exit status, or -1 when the command ended because the JVM is shutting down (Ctrl-C). */
    static int run(String[] args, PrintStream out, PrintStream err, JarRunner jars) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(usage());
            return args.length == 0 ? 2 : 0;
        }
        Optional<Command> command = find(args[0]);
        if (command.isEmpty()) {
            err.println("pairing: unknown command '" + args[0] + "'");
            err.println();
            err.print(usage());
            return 2;
        }
        try {
            return command.get().action().run(Arrays.copyOfRange(args, 1, args.length), out, err, jars);
        } catch (RuntimeException e) {
            // what the user can act on, without a stack trace: a missing build, a taken port, a wipe refused
            err.println("pairing " + args[0] + ": " + e.getMessage());
            return 1;
        }
    }

    static Optional<Command> find(String name) {
        return COMMANDS.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The usage, made from {@link #COMMANDS}: what it lists is what {@link #run} dispatches. */
    static String usage() {
        StringBuilder text = new StringBuilder(
                "Usage: ./pairing <command> [flags]      (every command takes --help)\n\n");
        for (Command command : COMMANDS) {
            String name = command.argument().isEmpty() ? command.name() : command.name() + " " + command.argument();
            text.append(String.format("  %-15s %s%n", name, command.summary()));
            command.examples().forEach(example -> text.append(String.format("  %-15s %s%n", "", example)));
        }
        return text.toString();
    }
}
