package dev.pairing.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.launcher.kafka.LocalKafka;
import dev.pairing.launcher.kafka.LocalKafkaCluster;
import dev.pairing.launcher.process.ChildProcess;
import dev.pairing.launcher.process.Poll;
import dev.pairing.launcher.runner.StreamsRunnerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node of the three-node cluster SIGKILLed under the packaged Streams runner, round after round,
 * each round a fresh pipeline whose kill lands at another point of its stream: from the first few
 * transactions to the last records. Odd rounds kill the node that coordinates the runner's
 * transactions, even rounds the leader of a raw partition. The runner must ride every outage out
 * (no exit, no stuck thread) and verify must find every raw record exactly once.
 * {@code -Dchaos.brokerKillRounds=N} runs more rounds (the loop that proves a fix: 20 in a row).
 */
class StreamsBrokerKillIT {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsBrokerKillIT.class);

    @RegisterExtension
    static final ChaosStack stack = new ChaosStack();

    private static final int RECORDS = 36_000;
    /** About 12 s of input per round. */
    private static final int RATE = 3_000;
    private static final Duration PATIENCE = Duration.ofSeconds(180);

    record Round(int number, long killAfterRunningMillis, long pairsAtKill, long outageMillis, Expected expected) {}

    @Test
    void everyRoundRidesOutABrokerKillExactlyOnce() {
        int rounds = Integer.getInteger("chaos.brokerKillRounds", 1);
        Random random = ChaosSeed.random("streams broker kills");
        LocalKafkaCluster kafka = stack.kafkaCluster();
        List<Round> done = new ArrayList<>();
        for (int n = 1; n <= rounds; n++) {
            // spread the kills over the stream: round n of N lands in the n-th slice of the input's duration
            long slice = RECORDS * 1_000L / RATE / rounds;
            long killAt = (n - 1) * slice + random.nextLong(Math.max(1, slice));
            long outage = 1_000 + random.nextInt(4_000);
            Round round = round(kafka, n, killAt, outage, random.nextLong());
            done.add(round);
            LOG.info("round {}/{} passed: {}", n, rounds, round);
        }
        assertThat(done).hasSize(rounds);
    }

    private Round round(LocalKafkaCluster kafka, int number, long killAt, long outage, long seed) {
        Path dir = stack.dir("streams-broker-kill-" + number);
        Pipeline pipeline = Pipeline.named("streams-broker-kill-" + number);
        Properties client = Drill.client(kafka.bootstrapServers());
        pipeline.create(client);
        long pairsAtKill;
        Expected expected;
        try (Outputs outputs = new Outputs(client, pipeline);
                StreamsRunnerProcess runner = StreamsRunnerProcess.start(ChaosStack.build(),
                        pipeline.streamsFlags(kafka.bootstrapServers(), dir.resolve("state")),
                        dir.resolve("streams-runner.log"));
                ChildProcess producer = ProducerCommand.start(dir.resolve("producer.log"), kafka.bootstrapServers(),
                        pipeline.raw(), RECORDS, RATE, seed)) {
            runner.awaitRunning(PATIENCE);
            // the random moment of the kill: chaos by design, not a wait for anything
            Poll.pause(Duration.ofMillis(killAt));
            int victimId = number % 2 == 1 ? TransactionCoordinators.of(client, pipeline.group())
                    : kafka.leaderOf(pipeline.raw(), number % Pipeline.PARTITIONS);
            LocalKafka victim = kafka.node(victimId);
            pairsAtKill = outputs.pairs();
            victim.kill();
            LOG.info("round {}: SIGKILL of node {} ({}) {} ms after RUNNING with {} pairs committed; back in {} ms",
                    number, victimId, number % 2 == 1 ? "the runner's transaction coordinator" : "a raw leader",
                    killAt, pairsAtKill, outage);
            Poll.pause(Duration.ofMillis(outage));
            victim.restart();
            assertThat(producer.waitFor(PATIENCE)).as("the producer's exit status; its log ends:\n%s", producer.logTail(20)).isZero();
            expected = Expected.fromRawTopic(kafka.bootstrapServers(), pipeline.raw(), client);
            outputs.awaitComplete(expected, PATIENCE,
                    () -> runner.isAlive() ? null : "the Streams runner exited:\n" + runner.process().logTail(20));
            assertThat(runner.isAlive()).as("the Streams runner rode the outage out").isTrue();
            assertThat(runner.stop(Duration.ofSeconds(60))).as("its exit status after SIGTERM").isZero();
        }
        assertThat(expected.raw()).isEqualTo(RECORDS);
        Verification.assertExact(client, pipeline, expected);
        return new Round(number, killAt, pairsAtKill, outage, expected);
    }
}
