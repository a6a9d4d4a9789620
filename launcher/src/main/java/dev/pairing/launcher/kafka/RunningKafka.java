package dev.pairing.launcher.kafka;

import dev.pairing.launcher.process.ChildProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A local Kafka the commands started: one broker ({@link LocalKafka}) or several ({@link LocalKafkaCluster}). */
public interface RunningKafka extends AutoCloseable {

    /** Every node's address. */
    String bootstrapServers();

    /** The JVMs, for a foreground command to watch. */
    List<ChildProcess> processes();

    /** The nodes, each of which can be killed and restarted on its own. */
    List<LocalKafka> nodes();

    /** The log to look at (the first node's in a cluster: the others sit beside it). */
    Path logFile();

    /** Why the Kafka is not whole any more (a node exited, with its status and log), or empty while all run. */
    Optional<String> failure();

    /** Stops every node that runs (SIGTERM, waiting for each). */
    void stop();

    @Override
    default void close() {
        stop();
    }
}
