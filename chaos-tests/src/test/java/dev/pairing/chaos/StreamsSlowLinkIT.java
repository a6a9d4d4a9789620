package dev.pairing.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pairing.launcher.kafka.ClientListener;
import dev.pairing.launcher.kafka.LocalKafkaCluster;
import dev.pairing.launcher.kafka.NodePlacement;
import dev.pairing.launcher.process.ChildProcess;
import dev.pairing.launcher.process.Ports;
import dev.pairing.launcher.runner.RunnerFlags;
import dev.pairing.launcher.runner.StreamsRunnerProcess;
import dev.pairing.netns.Availability;
import dev.pairing.netns.DelayRelay;
import dev.pairing.netns.Fault;
import dev.pairing.netns.Host;
import dev.pairing.netns.TestNetwork;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packaged Streams runner on a slow, lossy link for a whole run: 100 ms added to everything it
 * sends to the broker and 2 % of its packets dropped, against the same run on the same path with
 * neither. The runner sits on a test host; the broker, on this machine's loopback, opens two
 * further listeners, each reached through a {@link DelayRelay} on the network's gateway (no tc
 * netem on this kernel): one relaying at once, one holding each send 100 ms. Loss is a firewall
 * rule on the runner's host. Each run must end in verify's exact ledger; the throughput and
 * latency cost is logged, never asserted. Skipped, saying why, where namespaces are not allowed.
 *
 * <p>Its broken variant ({@code -Dchaos.slowLink.*}, {@link Drill#variant}) is a runner whose
 * retried sends are not deduplicated: at-least-once, the producer's idempotence off and its request
 * timeout shorter than a lost packet's retransmission on this link. A request that times out after
 * the broker wrote it is sent again, and the pair shows twice.
 */
@EnabledIfSystemProperty(named = "chaos.extended", matches = "true",
        disabledReason = "an extended drill, outside CI's 40-minute budget: -Dchaos.extended=true runs it")
class StreamsSlowLinkIT {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsSlowLinkIT.class);

    @RegisterExtension
    static final ChaosStack stack = new ChaosStack();

    private static final Duration DELAY = Duration.ofMillis(100);
    private static final double LOSS_PERCENT = 2;
    /** Faster than the runner on the slow link: its throughput, not the producer's, sets the end. */
    private static final int RECORDS = 40_000;
    private static final int RATE = 8_000;
    private static final Duration PATIENCE = Duration.ofSeconds(240);
    /** Both runs' runners get it: nothing but for the broken variant. */
    private static final RunnerFlags VARIANT = Drill.variant("chaos.slowLink");

    /** One run's cost, from the producer's start to the last outcome committed. */
    record Run(String link, long raw, Duration elapsed, long p50Millis, long p99Millis) {

        double recordsPerSecond() {
            return raw * 1000.0 / elapsed.toMillis();
        }

        @Override
        public String toString() {
            return String.format("%s: %,d raw records in %,d ms (%,.0f records/s), pair latency p50 %,d ms, p99 %,d ms",
                    link, raw, elapsed.toMillis(), recordsPerSecond(), p50Millis, p99Millis);
        }
    }

    @Test
    void aSlowLossyLinkCostsTimeButNoRecord() throws Exception {
        Availability availability = Availability.probe();
        assumeTrue(availability.namespaces(), () -> "skipped: " + availability.reason());
        Path dir = stack.dir("streams-slow-link");
        int ports = Ports.freeRange(4);
        try (TestNetwork network = TestNetwork.create();
                DelayRelay direct = DelayRelay.open(network.gatewayAddress(),
                        List.of(new InetSocketAddress("127.0.0.1", ports + 2)), Duration.ZERO);
                DelayRelay slow = DelayRelay.open(network.gatewayAddress(),
                        List.of(new InetSocketAddress("127.0.0.1", ports + 3)), DELAY)) {
            Host host = network.addHost("runner");
            ClientListener directListener = new ClientListener("DIRECT", List.of("127.0.0.1:" + (ports + 2)),
                    direct.endpoints());
            ClientListener slowListener = new ClientListener("SLOW", List.of("127.0.0.1:" + (ports + 3)),
                    slow.endpoints());
            LocalKafkaCluster kafka = LocalKafkaCluster.start(ChaosStack.build(), dir.resolve("kafka"), 1, ports,
                    ports + 1, NodePlacement.LOOPBACK.withListener(directListener).withListener(slowListener));
            try {
                Run baseline = run(dir, kafka, host, "baseline", directListener, null);
                long relayedBefore = slow.bytesRelayed();
                Run impaired;
                try (Fault loss = host.loseRandomly(LOSS_PERCENT)) {
                    impaired = run(dir, kafka, host, "slow", slowListener, loss);
                }
                assertThat(slow.bytesRelayed()).as("bytes through the delaying relay").isGreaterThan(relayedBefore);
                LOG.info("cost of {} ms delay and {} % loss on the runner's link: {}; {}; throughput x{}, "
                        + "p50 latency +{} ms, p99 latency +{} ms", DELAY.toMillis(), LOSS_PERCENT, baseline, impaired,
                        String.format("%.2f", impaired.recordsPerSecond() / baseline.recordsPerSecond()),
                        impaired.p50Millis() - baseline.p50Millis(), impaired.p99Millis() - baseline.p99Millis());
            } finally {
                kafka.stop();
            }
        }
    }

    private Run run(Path parent, LocalKafkaCluster kafka, Host host, String name, ClientListener listener,
            Fault fault) throws Exception {
        Path dir = parent.resolve(name);
        Pipeline pipeline = Pipeline.named("streams-slow-link-" + name);
        Properties client = Drill.client(kafka.bootstrapServers());
        pipeline.create(client);
        Expected expected;
        long elapsed;
        List<Long> latencies;
        try (Outputs outputs = new Outputs(client, pipeline);
                FailoverClock clock = new FailoverClock(client, pipeline.enriched());
                StreamsRunnerProcess runner = StreamsRunnerProcess.builder(ChaosStack.build()).host(host)
                        .logFile(dir.resolve("streams-runner.log"))
                        .start(pipeline.streamsFlags(listener.bootstrapServers(), dir.resolve("state")).and(VARIANT))) {
            runner.awaitRunning(PATIENCE);
            LOG.info("{} run: the runner on {} reaches the broker at {}{}", name, host, listener.bootstrapServers(),
                    fault == null ? "" : ", " + fault.description());
            long start = System.currentTimeMillis();
            try (ChildProcess producer = ProducerCommand.start(dir.resolve("producer.log"), kafka.bootstrapServers(),
                    pipeline.raw(), RECORDS, RATE, ChaosSeed.random("slow link " + name).nextLong())) {
                assertThat(producer.waitFor(PATIENCE)).as("the producer's exit status; its log ends:\n%s",
                        producer.logTail(20)).isZero();
            }
            expected = Expected.fromRawTopic(kafka.bootstrapServers(), pipeline.raw(), client);
            outputs.awaitComplete(expected, PATIENCE,
                    () -> runner.isAlive() ? null : "the Streams runner exited:\n" + runner.process().logTail(20));
            elapsed = System.currentTimeMillis() - start;
            latencies = clock.latenciesMillis();
            assertThat(runner.stop(Duration.ofSeconds(60))).as("its exit status after SIGTERM").isZero();
        }
        assertThat(expected.raw()).isEqualTo(RECORDS);
        Verification.assertExact(client, pipeline, expected);
        assertThat(latencies).as("pairs the latency reader saw").isNotEmpty();
        Run run = new Run(name, expected.raw(), Duration.ofMillis(elapsed), percentile(latencies, 50),
                percentile(latencies, 99));
        LOG.info("{}", run);
        return run;
    }

    private static long percentile(List<Long> sorted, int percent) {
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100));
    }
}
