package dev.pairing.launcher.kafka;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A listener the nodes of a local cluster open for clients beyond their own: node {@code n} (from
 * 1) listens on {@code listen.get(n - 1)} and tells the clients that came through it to find it at
 * {@code advertised.get(n - 1)}. Kafka answers a client with the endpoints of the listener it
 * connected through, so every connection of such a client goes to the advertised addresses: a
 * runner on a test host reaching brokers on this machine's address on its network, or a runner
 * whose traffic goes through a relay that delays it ({@code dev.pairing.netns.DelayRelay}).
 *
 * @param name the listener's name, e.g. {@code HOSTS}; plain text, like the nodes' own listener
 * @param listen "address:port" per node, where it listens
 * @param advertised "address:port" per node, what clients are told
 */
public record ClientListener(String name, List<String> listen, List<String> advertised) {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final List<String> TAKEN = List.of("PLAINTEXT", "CONTROLLER", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

    public ClientListener {
        if (!NAME.matcher(name).matches() || TAKEN.contains(name)) {
            throw new IllegalArgumentException("a listener name of upper-case letters, digits and '_', not one of "
                    + TAKEN + ": " + name);
        }
        listen = List.copyOf(listen);
        advertised = List.copyOf(advertised);
        if (listen.size() != advertised.size() || listen.isEmpty()) {
            throw new IllegalArgumentException("one listening and one advertised address per node: " + listen + ", "
                    + advertised);
        }
    }

    /** Listening where clients are told to come: node {@code n} on {@code address:firstPort + n - 1}. */
    public static ClientListener at(String name, String address, int firstPort, int nodes) {
        List<String> endpoints = java.util.stream.IntStream.range(0, nodes).mapToObj(n -> address + ":" + (firstPort + n))
                .toList();
        return new ClientListener(name, endpoints, endpoints);
    }

    /** What a client of this listener bootstraps from: every node's advertised address. */
    public String bootstrapServers() {
        return String.join(",", advertised);
    }

    int nodes() {
        return listen.size();
    }
}
