package dev.pairing.launcher.kafka;

import dev.pairing.netns.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the nodes of a local cluster run and whom they serve: on loopback here ({@link #LOOPBACK},
 * what the demo and most tests use), or each on a test host of its own (a network namespace with
 * its own address, see {@code dev.pairing.netns}), so that a drill can cut a node off from the
 * others; and any {@link ClientListener} opened beside the nodes' own listener.
 *
 * @param hosts node {@code n} (from 1) runs on {@code hosts.get(n - 1)}; empty for loopback
 * @param listeners listeners for further clients
 */
public record NodePlacement(List<Host> hosts, List<ClientListener> listeners) {

    /** Every node on 127.0.0.1 of this machine, with no further listener. */
    public static final NodePlacement LOOPBACK = new NodePlacement(List.of(), List.of());
    private static final String LOOPBACK_ADDRESS = "127.0.0.1";

    public NodePlacement {
        hosts = List.copyOf(hosts);
        listeners = List.copyOf(listeners);
    }

    /** Node {@code n} on {@code hosts.get(n - 1)}, listening on that host's address. */
    public static NodePlacement onHosts(List<Host> hosts) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no hosts given");
        }
        return new NodePlacement(hosts, List.of());
    }

    /** The same, with {@code listener} opened by every node too. */
    public NodePlacement withListener(ClientListener listener) {
        List<ClientListener> more = new ArrayList<>(listeners);
        more.add(listener);
        return new NodePlacement(hosts, more);
    }

    public boolean isLoopback() {
        return hosts.isEmpty() && listeners.isEmpty();
    }

    /** The address node {@code nodeId} listens on and its peers reach it at. */
    String address(int nodeId) {
        return host(nodeId).map(Host::address).orElse(LOOPBACK_ADDRESS);
    }

    Optional<Host> host(int nodeId) {
        return hosts.isEmpty() ? Optional.empty() : Optional.of(hosts.get(nodeId - 1));
    }

    /** @throws IllegalArgumentException when it does not fit a cluster of {@code size} nodes */
    void requireFits(int size) {
        if (!hosts.isEmpty() && hosts.size() != size) {
            throw new IllegalArgumentException(size + " nodes need as many hosts, got " + hosts.size());
        }
        for (ClientListener listener : listeners) {
            if (listener.nodes() != size) {
                throw new IllegalArgumentException("listener " + listener.name() + " has addresses for "
                        + listener.nodes() + " nodes, the cluster " + size);
            }
        }
    }
}
