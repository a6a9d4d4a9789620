package dev.pairing.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.local.flink.LocalFlinkCluster;
import dev.pairing.local.kafka.LocalKafka;
import dev.pairing.local.kafka.LocalKafkaCluster;
import dev.pairing.testsupport.JarProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka broker dies (SIGKILL) mid-stream and comes back on the same data a few seconds later,
 * while the producer sends and both engines read the same raw topic: the packaged Streams runner and
 * the Flink job. The cluster has three nodes and every topic three replicas (two in sync), as in
 * production, and the node killed leads one of the raw topic's partitions. The producer and the
 * Streams runner must ride it out without exiting, the Flink job may restart from its checkpoint;
 * then verify must pass for both pipelines, exactly.
 *
 * <p>Why three nodes: with a single broker, Kafka 4.3.1 drops the markers of transactions it was
 * completing when it died (see {@link LocalKafkaCluster}), which no client can make up for: this
 * drill then failed at random with a committed duplicate or a read_committed reader stuck before
 * records that were never resolved.
 */
class BrokerKillIT {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerKillIT.class);

    @RegisterExtension
    static final ChaosStack stack = new ChaosStack();

    private static final int RECORDS = 100_000;
    /** Sent first, until both engines have committed pairs; the rest streams while a node dies. */
    private static final int WARM_UP_RECORDS = 3_000;
    // about 33 s of input, so the broker dies while records still arrive even on a slow machine
    private static final int RATE = 3_000;
    private static final Duration PATIENCE = Duration.ofSeconds(180);

    @Test
    void producerAndBothEnginesRideOutABrokerCrash() {
        Random random = ChaosSeed.random("broker kill");
        LocalKafkaCluster kafka = stack.kafkaCluster();
        LocalFlinkCluster flink = stack.flink();
        Path dir = stack.dir("broker-kill");
        Pipeline streams = Pipeline.named("broker-kill-streams");
        Pipeline onFlink = streams.sameInput("broker-kill-flink");
        Properties client = Drill.client(kafka.bootstrapServers());
        streams.create(client);
        onFlink.create(client);

        FlinkJob job = FlinkJob.submit(flink, FlinkTaskManagerKillIT.jobFlags(onFlink, kafka.bootstrapServers()), PATIENCE);
        long streamsPairsAtKill;
        long flinkPairsAtKill;
        boolean sendingAtKill;
        Expected expected;
        try (Outputs streamsOut = new Outputs(client, streams);
                Outputs flinkOut = new Outputs(client, onFlink);
                JarProcess runner = new StreamsRunnerCommand(dir, streams, kafka.bootstrapServers()).start();
                JarProcess warmUp = ProducerCommand.start(dir.resolve("producer-warm-up.log"),
                        kafka.bootstrapServers(), streams.raw(), WARM_UP_RECORDS, RATE, random.nextLong())) {
            runner.awaitOutput(StreamsRunnerCommand.RUNNING, 1, PATIENCE);
            // both engines at work before the stream that the kill lands in starts: however long they
            // take to start on a loaded machine, the node then dies while records still arrive
            awaitPairs(streamsOut, flinkOut, job, runner);
            assertThat(warmUp.awaitExit(PATIENCE)).as("the warm-up producer's exit status; its log ends:\n%s", warmUp.tail(20)).isZero();
            try (JarProcess producer = ProducerCommand.start(dir.resolve("producer.log"), kafka.bootstrapServers(),
                    streams.raw(), RECORDS - WARM_UP_RECORDS, RATE, random.nextLong())) {
                Drill.chaosMoment(random.nextInt(3_000));
                int rawPartition = random.nextInt(Pipeline.PARTITIONS);
                LocalKafka victim = kafka.node(kafka.leaderOf(streams.raw(), rawPartition));
                streamsPairsAtKill = streamsOut.pairs();
                flinkPairsAtKill = flinkOut.pairs();
                sendingAtKill = producer.isAlive();
                victim.kill();
                long outage = 1_000 + random.nextInt(4_000);
                LOG.info("SIGKILL of node {} (leader of {}-{}) with {} Streams and {} Flink pairs committed; back in {} ms",
                        victim.nodeId(), streams.raw(), rawPartition, streamsPairsAtKill, flinkPairsAtKill, outage);
                Drill.chaosMoment(outage);
                long t0 = System.nanoTime();
                victim.restart();
                LOG.info("node answering again {} ms after its restart began", (System.nanoTime() - t0) / 1_000_000);

                assertThat(producer.awaitExit(PATIENCE)).as("the producer's exit status; its log ends:\n%s", producer.tail(20)).isZero();
                expected = Expected.fromRawTopic(kafka.bootstrapServers(), streams.raw(), client);
                LOG.info("expected: {}", expected);
                streamsOut.awaitComplete(expected, PATIENCE,
                        () -> runner.isAlive() ? null : "the Streams runner exited:\n" + runner.tail(20));
                flinkOut.awaitComplete(expected, PATIENCE, job::failure);
                assertThat(runner.isAlive()).as("the Streams runner rode the outage out").isTrue();
                assertThat(runner.stop(Duration.ofSeconds(60))).as("its exit status after SIGTERM").isZero();
                LOG.info(job.lastRestart() > 0 ? "the Flink job restarted during the outage" : "the Flink job never restarted");
            }
        } finally {
            job.cancel();
        }

        assertThat(expected.raw()).isEqualTo(RECORDS);
        assertThat(sendingAtKill).as("the broker died while records still arrived").isTrue();
        assertThat(streamsPairsAtKill).as("Streams output incomplete at the kill").isLessThan(expected.pairs());
        assertThat(flinkPairsAtKill).as("Flink output incomplete at the kill").isLessThan(expected.pairs());
        Verification.assertExact(client, streams, expected);
        Verification.assertExact(client, onFlink, expected);
    }

    private static void awaitPairs(Outputs streamsOut, Outputs flinkOut, FlinkJob job, JarProcess runner) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (streamsOut.pairs() == 0 || flinkOut.pairs() == 0) {
            String why = job.failure();
            if (why == null && !runner.isAlive()) {
                why = "the Streams runner exited:\n" + runner.tail(20);
            }
            if (why != null) {
                throw new AssertionError(why);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no committed pairs from both engines within " + PATIENCE);
            }
            Outputs.pause();
        }
    }
}
