package dev.pairing.launcher.kafka;

import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.process.ChildProcess;
import dev.pairing.netns.Host;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/**
 * Several real KRaft nodes (each a broker and a controller in its own JVM) forming one cluster, as
 * production runs Kafka: with three nodes every topic created with the cluster's defaults and every
 * internal topic has three replicas and needs two in sync, so one node can die without a partition
 * losing its last replica. Node {@code n} (from 1) keeps its data in {@code dir/node-n} and listens
 * on {@code firstPort + n - 1}, its controller on {@code firstControllerPort + n - 1}.
 *
 * <p>Why a drill needs this shape: when the only replica of a partition dies with SIGKILL, Kafka
 * 4.3's transaction coordinator can drop the markers of transactions it was completing (the
 * restarted node briefly sees its partitions without a leader and takes them for deleted), and
 * read_committed readers then stop at, or later commit, data that should have been resolved. With
 * replicas elsewhere every partition keeps a leader and the markers arrive.
 */
public final class LocalKafkaCluster implements RunningKafka {

    private final List<LocalKafka> nodes;

    private LocalKafkaCluster(List<LocalKafka> nodes) {
        this.nodes = nodes;
    }

    /**
     * Starts {@code size} nodes on the given port ranges, formatting their storage on first use, and
     * returns once each of them answers.
     */
    public static LocalKafkaCluster start(LocalBuild build, Path dir, int size, int firstPort,
            int firstControllerPort) {
        return start(build, dir, size, firstPort, firstControllerPort, NodePlacement.LOOPBACK);
    }

    /**
     * As {@link #start(LocalBuild, Path, int, int, int)}, the nodes where {@code placement} puts them:
     * on loopback, or each on a test host of its own (then every node has both port ranges' ports
     * to itself, on its host's address), and with its further listeners.
     */
    public static LocalKafkaCluster start(LocalBuild build, Path dir, int size, int firstPort,
            int firstControllerPort, NodePlacement placement) {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node, got " + size);
        }
        placement.requireFits(size);
        String clusterId = Uuid.randomUuid().toString();
        List<LocalKafka> nodes = new ArrayList<>();
        for (int id = 1; id <= size; id++) {
            nodes.add(new LocalKafka(build, dir.resolve("node-" + id),
                    new ClusterMember(id, size, firstPort, firstControllerPort, placement), clusterId, Map.of()));
        }
        LocalKafkaCluster cluster = new LocalKafkaCluster(List.copyOf(nodes));
        try {
            // all at once: no node answers before a majority of the controllers has formed a quorum
            nodes.forEach(LocalKafka::spawn);
            nodes.forEach(LocalKafka::awaitReady);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public int size() {
        return nodes.size();
    }

    /** Every node's address, so a client finds the cluster whichever node is down. */
    public String bootstrapServers() {
        return nodes.stream().map(LocalKafka::bootstrapServers).collect(Collectors.joining(","));
    }

    /** Node {@code id}, counted from 1. */
    public LocalKafka node(int id) {
        if (id < 1 || id > nodes.size()) {
            throw new IllegalArgumentException("no node " + id + " in a cluster of " + nodes.size());
        }
        return nodes.get(id - 1);
    }

    @Override
    public List<LocalKafka> nodes() {
        return nodes;
    }

    /** The node on {@code host}, when the cluster runs on test hosts. */
    public LocalKafka nodeOn(Host host) {
        return nodes.stream().filter(node -> node.host().filter(host::equals).isPresent()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node of this cluster runs on " + host));
    }

    /** The id of the node that leads {@code topic}'s partition now, or -1 when it has no leader. */
    public int leaderOf(String topic, int partition) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(topic);
            TopicPartitionInfo info = description.partitions().get(partition);
            Node leader = info.leader();
            return leader == null || leader.isEmpty() ? -1 : leader.id();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe " + topic + " on " + bootstrapServers(), e);
        }
    }

    @Override
    public List<ChildProcess> processes() {
        return nodes.stream().flatMap(node -> node.processes().stream()).toList();
    }

    @Override
    public Path logFile() {
        return nodes.get(0).logFile();
    }

    @Override
    public Optional<String> failure() {
        return nodes.stream().map(LocalKafka::failure).flatMap(Optional::stream).findFirst();
    }

    /** Stops every node that runs (SIGTERM, waiting for each). */
    @Override
    public void stop() {
        for (LocalKafka node : nodes) {
            try {
                node.stop();
            } catch (RuntimeException e) {
                // stop the others all the same
            }
        }
    }

}
