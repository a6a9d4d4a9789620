package dev.pairing.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.launcher.kafka.LocalKafkaCluster;
import dev.pairing.launcher.kafka.NodePlacement;
import dev.pairing.netns.Host;
import dev.pairing.netns.Leftovers;
import dev.pairing.netns.TestNetwork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A drill's own test network with three KRaft nodes on it, each on a test host of its own (the
 * launcher's cluster, placed on the hosts), so that a node or a client can be cut off from some of
 * the others. Its close removes the network with everything that runs on it, and checks that
 * nothing is left: no namespace, link or route of it, and the root namespace's firewall as before.
 */
final class HostedCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HostedCluster.class);
    static final int NODES = 3;
    /** Every host has its ports to itself: the same ranges as a loopback cluster would take. */
    static final int FIRST_PORT = 9092;
    static final int FIRST_CONTROLLER_PORT = 9192;

    private final TestNetwork network;
    private final List<Host> hosts;
    private final String rootRulesBefore;
    private LocalKafkaCluster kafka;

    private HostedCluster(TestNetwork network, List<Host> hosts, String rootRulesBefore) {
        this.network = network;
        this.hosts = hosts;
        this.rootRulesBefore = rootRulesBefore;
    }

    /** Three nodes on hosts kafka-1 to kafka-3, data and logs in {@code dir}. */
    static HostedCluster start(Path dir) {
        return start(dir, NodePlacement::onHosts);
    }

    /** The same, placed as {@code placement} makes of the three hosts (e.g. with a further listener). */
    static HostedCluster start(Path dir, Function<List<Host>, NodePlacement> placement) {
        String rules = rootRules();
        TestNetwork network = TestNetwork.create();
        List<Host> hosts = new ArrayList<>();
        try {
            for (int id = 1; id <= NODES; id++) {
                hosts.add(network.addHost("kafka-" + id));
            }
            HostedCluster cluster = new HostedCluster(network, List.copyOf(hosts), rules);
            long t0 = System.nanoTime();
            cluster.kafka = LocalKafkaCluster.start(ChaosStack.build(), dir, NODES, FIRST_PORT, FIRST_CONTROLLER_PORT,
                    placement.apply(cluster.hosts));
            LOG.info("{}: three KRaft nodes on {} up in {} ms", network, cluster.hosts,
                    (System.nanoTime() - t0) / 1_000_000);
            return cluster;
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    TestNetwork network() {
        return network;
    }

    LocalKafkaCluster kafka() {
        return kafka;
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The hosts of the three nodes, node 1's first. */
    List<Host> brokerHosts() {
        return hosts;
    }

    /** The host of node {@code id} (from 1). */
    Host brokerHost(int id) {
        return hosts.get(id - 1);
    }

    /** A further host on the same network, e.g. for a runner. */
    Host addHost(String name) {
        return network.addHost(name);
    }

    /**
     * Whether a healed host's firewall holds no rule of a fault any more (its own chains as a new
     * namespace has them): proof that healing undid the fault.
     */
    static void assertHealed(Host host) {
        String rules = host.run("iptables", "-w", "-S").output();
        assertThat(rules).as("%s's firewall after the heal", host).doesNotContain("DROP");
    }

    /** Removes the network and everything on it, and checks that nothing of it is left. */
    @Override
    public void close() {
        String tag = network.tag();
        // the nodes go with the network (it kills what runs in its namespaces): a clean stop of
        // three nodes would cost the drill half a minute for nothing it checks
        network.close();
        Leftovers left = network.leftovers();
        String rulesAfter = rootRules();
        LOG.info("clean-up of {}: left on the machine {}; root namespace's iptables and nft rules {}", tag, left,
                rulesAfter.equals(rootRulesBefore) ? "as before" : "CHANGED");
        assertThat(left.isEmpty()).as("what the drill's network left: %s", left).isTrue();
        assertThat(rulesAfter).as("the root namespace's iptables -S and nft list ruleset").isEqualTo(rootRulesBefore);
    }

    /** The root namespace's firewall: the drills' rules live inside their hosts and never here. */
    private static String rootRules() {
        return run("iptables", "-w", "-S") + run("nft", "list", "ruleset");
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
