package dev.pairing.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pairing.launcher.kafka.LocalKafkaCluster;
import dev.pairing.launcher.process.ChildProcess;
import dev.pairing.launcher.process.Poll;
import dev.pairing.launcher.runner.StreamsRunnerProcess;
import dev.pairing.netns.Availability;
import dev.pairing.netns.Fault;
import dev.pairing.netns.Host;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broker cut off from the other two for 30 s, then healed, while the packaged Streams runner and
 * the producer (both on this machine, which still reaches every broker) work on: the broker that
 * coordinates the runner's transactions and leads a raw partition. It keeps believing it leads
 * until the controller fences it; acks=all writes to it cannot complete, so the clients must find
 * the new leaders and coordinator. The runner and the producer must ride it out (no exit) and
 * verify must find every raw record exactly once. Three brokers on test hosts (network namespaces);
 * skipped, saying why, where the machine does not allow them.
 *
 * <p>{@code -Dchaos.brokerPartition.acks=1} runs the same drill with a producer that waits for the
 * leader alone: what the cut-off leader accepted before it was fenced is truncated at the heal, and
 * the drill must fail (fewer raw records than the producer had acknowledged).
 */
class StreamsBrokerPartitionIT {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsBrokerPartitionIT.class);

    @RegisterExtension
    static final ChaosStack stack = new ChaosStack();

    /** About 60 s of input: the fault starts within the first seconds and lasts 30. */
    private static final int RECORDS = 90_000;
    private static final int RATE = 1_500;
    private static final Duration HOLD = Duration.ofSeconds(30);
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    /** The producer's {@code --acks}: all, or 1 for the broken variant. */
    private static final String ACKS = System.getProperty("chaos.brokerPartition.acks", "all");

    @Test
    void theRunnersCoordinatorAndRawLeaderCutOffFromItsPeersIsRiddenOutExactlyOnce() throws Exception {
        Availability availability = Availability.probe();
        assumeTrue(availability.namespaces(), () -> "skipped: " + availability.reason());
        Path dir = stack.dir("streams-broker-partition");
        Pipeline pipeline = Pipeline.named("streams-broker-partition");
        try (HostedCluster cluster = HostedCluster.start(dir.resolve("kafka"))) {
            LocalKafkaCluster kafka = cluster.kafka();
            String servers = kafka.bootstrapServers();
            Properties client = Drill.client(servers);
            pipeline.create(client);
            Expected expected;
            try (Outputs outputs = new Outputs(client, pipeline);
                    FailoverClock clock = new FailoverClock(client, pipeline.enriched());
                    Admin admin = Admin.create(client);
                    StreamsRunnerProcess runner = StreamsRunnerProcess.start(ChaosStack.build(),
                            pipeline.streamsFlags(servers, dir.resolve("state")),
                            dir.resolve("streams-runner.log"));
                    ChildProcess producer = ProducerCommand.start(dir.resolve("producer.log"), servers, pipeline.raw(),
                            RECORDS, RATE, ChaosSeed.random("broker partition").nextLong(), "--acks", ACKS)) {
                runner.awaitRunning(PATIENCE);
                await("pairs committed before the fault").atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                        .until(() -> outputs.pairs() > 0);
                int victim = TransactionCoordinators.of(client, pipeline.group());
                int partition = leadRawPartition(admin, kafka, pipeline.raw(), victim);
                Host victimHost = cluster.brokerHost(victim);
                List<Host> peers = new ArrayList<>(cluster.brokerHosts());
                peers.remove(victimHost);
                long pairsAtFault = outputs.pairs();

                long faultAt = System.currentTimeMillis();
                long leaderMovedAfter = -1;
                Optional<Duration> resumedAnywhere;
                try (Fault fault = victimHost.cutOffFrom(peers.toArray(Host[]::new))) {
                    LOG.info("fault: {} (node {}: the runner's transaction coordinator and raw partition {}'s "
                            + "leader), {} pairs committed", fault.description(), victim, partition, pairsAtFault);
                    // the cut-off node still answers clients with its own stale view, so an Admin may
                    // hear from it that nothing moved: the new leader's own log says when it took over
                    String tookOver = "Leader " + pipeline.raw() + "-" + partition + " with topic id";
                    await("the controller moves raw partition " + partition + "'s leadership off node " + victim)
                            .atMost(HOLD).pollInterval(Duration.ofMillis(250))
                            .until(() -> BrokerLog.first(kafka, faultAt, tookOver, "starts at leader epoch") >= 0);
                    leaderMovedAfter = BrokerLog.first(kafka, faultAt, tookOver, "starts at leader epoch") - faultAt;
                    resumedAnywhere = clock.awaitRecovery(IntStream.range(0, Pipeline.PARTITIONS).boxed()
                            .collect(Collectors.toSet()), faultAt,
                            Duration.ofMillis(Math.max(1, faultAt + HOLD.toMillis() - System.currentTimeMillis())));
                    // the rest of the fault's planned length: chaos by design, not a wait for anything
                    Poll.pause(Duration.ofMillis(Math.max(0, faultAt + HOLD.toMillis() - System.currentTimeMillis())));
                    assertThat(runner.isAlive()).as("the runner still runs when the fault ends").isTrue();
                }
                HostedCluster.assertHealed(victimHost);
                // from the fault's start too, so a figure above the cut's length came after the heal
                Optional<Duration> resumed = clock.awaitRecovery(Set.of(partition), faultAt, PATIENCE);
                LOG.info("outage of node {} cut off from its peers for {} s: raw partition {}'s leadership moved "
                        + "after {} ms; the first pair of new input after {} in any partition, after {} in "
                        + "partition {}; the runner's coordinator now node {}", victim, HOLD.toSeconds(), partition,
                        leaderMovedAfter, resumedAnywhere.map(d -> d.toMillis() + " ms").orElse("(none within the cut)"),
                        resumed.map(d -> d.toMillis() + " ms").orElse("never"), partition,
                        TransactionCoordinators.of(client, pipeline.group()));

                assertThat(producer.waitFor(PATIENCE)).as("the producer's exit status; its log ends:\n%s",
                        producer.logTail(20)).isZero();
                expected = Expected.fromRawTopic(servers, pipeline.raw(), client);
                LOG.info("expected: {}", expected);
                outputs.awaitComplete(expected, PATIENCE,
                        () -> runner.isAlive() ? null : "the Streams runner exited:\n" + runner.process().logTail(20));
                assertThat(resumed).as("output resumed in raw partition %d", partition).isPresent();
                assertThat(runner.isAlive()).as("the Streams runner rode the partition out").isTrue();
                assertThat(runner.stop(Duration.ofSeconds(60))).as("its exit status after SIGTERM").isZero();
            }
            assertThat(expected.raw()).as("raw records in the topic, of the %d the producer had acknowledged", RECORDS)
                    .isEqualTo(RECORDS);
            Verification.assertExact(client, pipeline, expected);
        }
    }

    /**
     * A raw partition that {@code node} leads: one it leads already, else partition 0 made to
     * prefer it (its replicas reordered, a preferred election), so that one cut-off broker is both.
     */
    private static int leadRawPartition(Admin admin, LocalKafkaCluster kafka, String topic, int node) throws Exception {
        for (int p = 0; p < Pipeline.PARTITIONS; p++) {
            if (kafka.leaderOf(topic, p) == node) {
                return p;
            }
        }
        TopicPartition first = new TopicPartition(topic, 0);
        List<Integer> replicas = new ArrayList<>(List.of(node));
        IntStream.rangeClosed(1, HostedCluster.NODES).filter(id -> id != node).forEach(replicas::add);
        admin.alterPartitionReassignments(Map.of(first, Optional.of(new NewPartitionReassignment(replicas))))
                .all().get(30, TimeUnit.SECONDS);
        await("node " + node + " leads " + first).atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            try {
                admin.electLeaders(ElectionType.PREFERRED, Set.of(first)).all().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the reassignment is still under way, or the election was not needed
            }
            return kafka.leaderOf(topic, 0) == node;
        });
        return 0;
    }
}
