package dev.pairing.launcher.kafka;

import dev.pairing.netns.Host;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One KRaft node of a local cluster: its id, its two ports, where it runs, and the cluster it is a
 * member of. Nodes are numbered from 1; node {@code n} listens on {@code firstPort + n - 1} and its
 * controller on {@code firstControllerPort + n - 1}, so a cluster's ports are two contiguous ranges,
 * on loopback or on each node's own test host ({@link NodePlacement}).
 */
record ClusterMember(int nodeId, int clusterSize, int firstPort, int firstControllerPort, NodePlacement placement) {

    ClusterMember {
        if (clusterSize < 1 || nodeId < 1 || nodeId > clusterSize) {
            throw new IllegalArgumentException("node " + nodeId + " of a cluster of " + clusterSize);
        }
        placement.requireFits(clusterSize);
    }

    ClusterMember(int nodeId, int clusterSize, int firstPort, int firstControllerPort) {
        this(nodeId, clusterSize, firstPort, firstControllerPort, NodePlacement.LOOPBACK);
    }

    static ClusterMember single(int port, int controllerPort) {
        return new ClusterMember(1, 1, port, controllerPort);
    }

    int port() {
        return firstPort + nodeId - 1;
    }

    int controllerPort() {
        return firstControllerPort + nodeId - 1;
    }

    /** The address it listens on and its peers reach it at: 127.0.0.1, or its host's. */
    String address() {
        return placement.address(nodeId);
    }

    /** The test host it runs on, if any. */
    Optional<Host> host() {
        return placement.host(nodeId);
    }

    String quorumVoters() {
        return IntStream.rangeClosed(1, clusterSize)
                .mapToObj(id -> id + "@" + placement.address(id) + ":" + (firstControllerPort + id - 1))
                .collect(Collectors.joining(","));
    }

    /** Three replicas once there are three nodes: one may die and every partition keeps a leader. */
    int replicationFactor() {
        return Math.min(clusterSize, 3);
    }

    int minInSyncReplicas() {
        return replicationFactor() >= 3 ? 2 : 1;
    }
}
