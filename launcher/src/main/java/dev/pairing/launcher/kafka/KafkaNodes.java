package dev.pairing.launcher.kafka;

import dev.pairing.flags.FlagSet;
import dev.pairing.flags.ParsedFlags;
import dev.pairing.flags.UsageException;
import dev.pairing.launcher.LocalBuild;
import java.nio.file.Path;

/**
 * How many Kafka nodes a local command starts and on which ports: node {@code n} (from 1) listens on
 * {@code port + n - 1}, its controller on {@code controllerPort + n - 1}. Without
 * {@code --controllerPort} the controllers take the ports right after the brokers'
 * ({@code port + brokers}...): 9093 for one broker on 9092, as always; 9095 to 9097 for three.
 */
public record KafkaNodes(int brokers, int port, int controllerPort) {

    public static final int MAX_BROKERS = 9;

    public KafkaNodes {
        if (brokers < 1 || brokers > MAX_BROKERS) {
            throw new IllegalArgumentException("--brokers must be 1 to " + MAX_BROKERS + ", got " + brokers);
        }
        if (port + brokers - 1 > 65535 || controllerPort + brokers - 1 > 65535) {
            throw new IllegalArgumentException("ports beyond 65535: --port " + port + " and --controllerPort "
                    + controllerPort + " with " + brokers + " brokers");
        }
        if (port < controllerPort + brokers && controllerPort < port + brokers) {
            throw new IllegalArgumentException("the client ports " + range(port, brokers) + " and the controller ports "
                    + range(controllerPort, brokers) + " overlap: choose another --controllerPort");
        }
    }

    /** Adds {@code --brokers}, {@code --port} and {@code --controllerPort}. */
    public static FlagSet addFlags(FlagSet flags) {
        return flags.option("brokers", "1",
                        "Kafka nodes (KRaft, each broker and controller); 3 gives replication factor 3, two in sync")
                .option("port", "9092", "the (first) broker's client port; further brokers take the next ones")
                .option("controllerPort", null, "the (first) KRaft controller's port (default: port + brokers)");
    }

    public static KafkaNodes from(ParsedFlags flags) throws UsageException {
        return from(flags, 1);
    }

    /** The nodes the flags ask for, with {@code defaultBrokers} nodes when {@code --brokers} is not given. */
    public static KafkaNodes from(ParsedFlags flags, int defaultBrokers) throws UsageException {
        int brokers = flags.isSet("brokers") ? flags.intValue("brokers", 1, MAX_BROKERS) : defaultBrokers;
        int port = flags.intValue("port", 1, 65535);
        int controllerPort = flags.isSet("controllerPort") ? flags.intValue("controllerPort", 1, 65535) : port + brokers;
        try {
            return new KafkaNodes(brokers, port, controllerPort);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** @throws dev.pairing.launcher.process.Ports.PortTakenException naming the first port taken */
    public void requirePortsFree() {
        for (int n = 0; n < brokers; n++) {
            LocalKafka.requirePortsFree(port + n, controllerPort + n);
        }
    }

    /** Starts the node(s) with data in {@code dir} ({@code dir/node-n} for several) and returns once all answer. */
    public RunningKafka start(LocalBuild build, Path dir) {
        return start(build, dir, NodePlacement.LOOPBACK);
    }

    /**
     * The same, placed as {@code placement} says: e.g. on loopback with a further listener for
     * runners on test hosts.
     */
    public RunningKafka start(LocalBuild build, Path dir, NodePlacement placement) {
        return brokers == 1 && placement.isLoopback() ? LocalKafka.start(build, dir, port, controllerPort)
                : LocalKafkaCluster.start(build, dir, brokers, port, controllerPort, placement);
    }

    /** "one node" or "3 nodes, replication factor 3, min.insync.replicas 2", for what a command prints. */
    public String describe() {
        ClusterMember node = new ClusterMember(1, brokers, port, controllerPort);
        return brokers == 1 ? "one node" : brokers + " nodes, replication factor " + node.replicationFactor()
                + ", min.insync.replicas " + node.minInSyncReplicas();
    }

    private static String range(int first, int count) {
        return count == 1 ? Integer.toString(first) : first + "-" + (first + count - 1);
    }
}
