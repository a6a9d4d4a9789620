package dev.pairing.chaos;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pairing.netns.Availability;
import dev.pairing.netns.Host;
import dev.pairing.netns.TestNetwork;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The zombie drill ({@link ZombieDrill}) by a partition, on test hosts in network namespaces: three
 * brokers and two runners, each on its own address; runner a is cut off from all three brokers for
 * 25 s while the producer, in the test JVM, sends on. Skipped, saying why, where the machine does
 * not allow network namespaces.
 *
 * <p>{@code -Dchaos.zombie.guarantee=at_least_once -Dchaos.zombie.commitInterval=5s} runs the same
 * drill against runners without transactions: the ledger must then fail (what the zombie wrote after its last commit is written
 * again by its partner).
 */
class StreamsPartitionIT {

    @RegisterExtension
    static final ChaosStack stack = new ChaosStack();

    @Test
    void aRunnerCutOffFromTheBrokersIsFencedAndItsPartnerCommitsEveryOutcomeOnce() throws Exception {
        Availability availability = Availability.probe();
        assumeTrue(availability.namespaces(), () -> "skipped: " + availability.reason());
        Path dir = stack.dir("streams-partition");
        try (HostedCluster cluster = HostedCluster.start(dir.resolve("kafka"))) {
            Host hostA = cluster.addHost("runner-a");
            Host hostB = cluster.addHost("runner-b");
            ZombieDrill drill = new ZombieDrill(dir, Pipeline.named("streams-partition"), cluster.kafka(),
                    Drill.variant("chaos.zombie"));
            drill.run(hostA, hostB, "a cut off from the brokers",
                    a -> hostA.cutOffFrom(cluster.brokerHosts().toArray(Host[]::new)));
            HostedCluster.assertHealed(hostA);
        }
    }
}
