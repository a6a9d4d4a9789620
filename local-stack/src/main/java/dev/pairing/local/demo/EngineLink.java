package dev.pairing.local.demo;

import dev.pairing.launcher.kafka.ClientListener;
import dev.pairing.launcher.kafka.NodePlacement;
import dev.pairing.launcher.process.Ports;
import dev.pairing.netns.DelayRelay;
import dev.pairing.netns.Fault;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The engine's own way to the brokers under {@code --chaos}: every node opens a further listener,
 * and the engine reaches it through a relay in the demo's JVM that can cut it off (a partition as
 * both sides see it, with no network namespace and no root). Kafka answers a client with the
 * endpoints of the listener it came through, so every connection of the engine, to any broker,
 * goes through the relay; the producer, the live view and the console keep the nodes' own
 * listener, and see the brokers all along. The relay's and the listener's ports are free ones
 * picked at start: nothing outside the demo connects to them.
 */
final class EngineLink implements AutoCloseable {

    private static final String LISTENER = "ENGINE";
    private static final String LOOPBACK = "127.0.0.1";

    private final DelayRelay relay;
    private final ClientListener listener;

    private EngineLink(DelayRelay relay, ClientListener listener) {
        this.relay = relay;
        this.listener = listener;
    }

    /**
     * Picks ports for {@code brokers} nodes and opens the relay to them; the nodes start after it.
     *
     * @param taken ports the demo's own processes are to take: none of the link's may be one of them
     */
    static EngineLink open(int brokers, Set<Integer> taken) {
        // a free port is one nobody holds now: the kernel may hand the relay a port that a node is
        // configured to take a moment later, or one just picked for the listener, so pick again
        for (int attempt = 1; ; attempt++) {
            int first = Ports.freeRange(brokers);
            List<Integer> listen = IntStream.range(0, brokers).mapToObj(n -> first + n).toList();
            DelayRelay relay = DelayRelay.open(LOOPBACK,
                    listen.stream().map(port -> new InetSocketAddress(LOOPBACK, port)).toList(), Duration.ZERO);
            List<Integer> relayPorts = IntStream.range(0, brokers).mapToObj(relay::port).toList();
            boolean clash = Stream.concat(listen.stream(), relayPorts.stream()).anyMatch(taken::contains)
                    || relayPorts.stream().anyMatch(listen::contains);
            if (!clash) {
                return new EngineLink(relay, new ClientListener(LISTENER,
                        listen.stream().map(port -> LOOPBACK + ":" + port).toList(), relay.endpoints()));
            }
            relay.close();
            if (attempt == 20) {
                throw new IllegalStateException("found no free ports for the engine's link to the brokers");
            }
        }
    }

    /** Where the nodes run (this machine's loopback) with the engine's listener. */
    NodePlacement placement() {
        return NodePlacement.LOOPBACK.withListener(listener);
    }

    /** What the engine bootstraps from: the relay's ports. */
    String bootstrapServers() {
        return listener.bootstrapServers();
    }

    /** Cuts the engine off from every broker until the fault heals. */
    Fault cutOff() {
        return relay.cutOff();
    }

    @Override
    public void close() {
        relay.close();
    }
}
