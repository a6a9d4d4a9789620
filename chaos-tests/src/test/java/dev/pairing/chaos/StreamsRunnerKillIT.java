package dev.pairing.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.local.kafka.LocalKafka;
import dev.pairing.testsupport.JarProcess;
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
 * The packaged Streams runner killed with SIGKILL again and again at random moments while 200,000
 * records stream in, and restarted each time on the same state directory, as a supervisor would.
 * Once it has caught up, verify must find every raw record exactly once and the very pairs
 * pairing-core computes from the same input.
 */
class StreamsRunnerKillIT {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunnerKillIT.class);

    @RegisterExtension
    static final ChaosStack stack = new ChaosStack();

    private static final int RECORDS = 200_000;
    /** About 57 s of input: long enough for most kills to land while records still arrive. */
    private static final int RATE = 3_500;
    private static final int KILLS = 4;
    private static final Duration PATIENCE = Duration.ofSeconds(180);

    /** One kill: when it came after the runner reached RUNNING, and what was committed just before. */
    record Kill(int number, long afterRunningMillis, long pairsCommitted, boolean producerStillSending) {}

    @Test
    void killedFourTimesMidStreamItStillCommitsEveryOutcomeExactlyOnce() {
        Random random = ChaosSeed.random("streams runner kills");
        LocalKafka kafka = stack.kafka();
        Path dir = stack.dir("streams-runner-kills");
        Pipeline pipeline = Pipeline.named("streams-kills");
        Properties client = client(kafka);
        pipeline.create(client);
        StreamsRunnerCommand runner = new StreamsRunnerCommand(dir, pipeline, kafka.bootstrapServers());

        List<Kill> kills = new ArrayList<>();
        Expected expected;
        try (Outputs outputs = new Outputs(client, pipeline);
                JarProcess producer = ProducerCommand.start(dir.resolve("producer.log"), kafka.bootstrapServers(),
                        pipeline.raw(), RECORDS, RATE, random.nextLong())) {
            JarProcess current = runner.start();
            try {
                for (int n = 1; n <= KILLS; n++) {
                    current.awaitOutput(StreamsRunnerCommand.RUNNING, 1, PATIENCE);
                    long delay = 500 + random.nextInt(3_500);
                    chaosMoment(delay);
                    long committed = outputs.pairs();
                    boolean sending = producer.isAlive();
                    current.kill();
                    kills.add(new Kill(n, delay, committed, sending));
                    LOG.info("kill {}: SIGKILL {} ms after RUNNING, {} pairs committed, producer {}", n, delay,
                            committed, sending ? "still sending" : "done");
                    current = runner.start();
                }
                assertThat(producer.awaitExit(PATIENCE)).as("the producer's exit status").isZero();
                expected = Expected.fromRawTopic(kafka.bootstrapServers(), pipeline.raw(), client);
                LOG.info("expected: {}", expected);
                JarProcess last = current;
                outputs.awaitComplete(expected, PATIENCE,
                        () -> last.isAlive() ? null : "the runner exited:\n" + last.tail(20));
                assertThat(current.stop(Duration.ofSeconds(60))).as("exit status after SIGTERM").isZero();
                assertThat(current.output()).contains("stopped cleanly");
            } finally {
                current.close();
            }
        }

        assertThat(expected.raw()).isEqualTo(RECORDS);
        assertThat(kills).hasSize(KILLS).allSatisfy(kill -> assertThat(kill.pairsCommitted())
                .as("kill %d came before the output was complete", kill.number()).isLessThan(expected.pairs()));
        assertThat(kills.get(0).producerStillSending()).as("the first kill came while records still arrived").isTrue();
        assertThat(kills.get(KILLS - 1).pairsCommitted()).as("the runner made progress between kills")
                .isGreaterThan(kills.get(0).pairsCommitted());
        Verification.assertExact(client, pipeline, expected);
    }

    static Properties client(LocalKafka kafka) {
        return client(kafka.bootstrapServers());
    }

    static Properties client(String bootstrapServers) {
        Properties client = new Properties();
        client.put("bootstrap.servers", bootstrapServers);
        return client;
    }

    /** The random moment of a kill: chaos by design, not a wait for anything. */
    static void chaosMoment(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
