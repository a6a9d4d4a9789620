package dev.pairing.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pairing.launcher.kafka.LocalKafka;
import dev.pairing.launcher.process.ChildProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packaged Streams runner as one to three instances of one application while records stream in
 * at 2,000 per second until the last kill has been timed: one instance SIGKILLed and restarted in place twice; scaled out to three, which must
 * share the raw partitions; a random one of the three SIGKILLed and restarted in place; one
 * killed for good, whose work the other two take over; scaled in to one with a SIGTERM. Once the last
 * instance has caught up, verify must find every raw record exactly once and the very pairs
 * pairing-core computes from the same input. Each kill comes 0 to 2 s after the victim has caught up
 * (its partitions' output is less than a second behind the input), and its failover time (kill to
 * the first committed pair of input produced after it, in the killed instance's partitions) is
 * logged, with the median per kind: figures, not assertions.
 */
class StreamsInstancesKillIT {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsInstancesKillIT.class);

    @RegisterExtension
    static final ChaosStack stack = new ChaosStack();

    /** An upper bound only: the producer is stopped once every kill has been timed. */
    private static final int RECORDS = 2_000_000;
    private static final int RATE = 2_000;
    private static final Duration PATIENCE = Duration.ofSeconds(180);

    /** One kill: what it hit, how much was committed just before, and how long until output resumed. */
    record Kill(String kind, String instance, Set<Integer> partitions, long pairsCommitted,
            boolean producerStillSending, Optional<Duration> failover) {}

    @Test
    void instancesKilledRestartedAddedAndRemovedMidStreamStillCommitEveryOutcomeExactlyOnce() throws Exception {
        Random random = ChaosSeed.random("streams instance kills");
        LocalKafka kafka = stack.kafka();
        Path dir = stack.dir("streams-instances");
        Pipeline pipeline = Pipeline.named("streams-instances");
        Properties client = Drill.client(kafka.bootstrapServers());
        pipeline.create(client);

        List<Kill> kills = new ArrayList<>();
        Expected expected;
        String producerSummary;
        try (Outputs outputs = new Outputs(client, pipeline);
                FailoverClock clock = new FailoverClock(client, pipeline.enriched());
                Admin admin = Admin.create(client);
                ChildProcess producer = ProducerCommand.start(dir.resolve("producer.log"), kafka.bootstrapServers(),
                        pipeline.raw(), RECORDS, RATE, random.nextLong());
                StreamsInstance a = new StreamsInstance("a", dir.resolve("a"), pipeline, kafka.bootstrapServers());
                StreamsInstance b = new StreamsInstance("b", dir.resolve("b"), pipeline, kafka.bootstrapServers());
                StreamsInstance c = new StreamsInstance("c", dir.resolve("c"), pipeline, kafka.bootstrapServers())) {
            StreamsRunnerKills drill = new StreamsRunnerKills(random, admin, outputs, clock, producer, PATIENCE);
            a.start(PATIENCE);
            for (int n = 0; n < 2; n++) {
                kills.add(drill.killAndRestart("one instance, restarted in place", a));
            }

            b.start(PATIENCE);
            c.start(PATIENCE);
            List<StreamsInstance> three = List.of(a, b, c);
            await("every instance holds raw partitions").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                    .until(() -> three.stream().allMatch(instance -> !instance.rawPartitions(admin).isEmpty()));
            Map<String, Set<Integer>> spread = new TreeMap<>();
            three.forEach(instance -> spread.put(instance.name(), instance.rawPartitions(admin)));
            LOG.info("scaled out to three, raw partitions per instance: {}", spread);
            kills.add(drill.killAndRestart("one of three, restarted in place", three.get(random.nextInt(3))));

            StreamsInstance gone = three.get(1 + random.nextInt(2));
            kills.add(drill.killForGood("one of three, not restarted", gone));
            StreamsInstance leaving = gone == b ? c : b;
            assertThat(leaving.stop(PATIENCE)).as("%s's exit status after SIGTERM (scale in)", leaving.name()).isZero();

            // SIGTERM: the producer stops sending, flushes, prints its summary and exits as signalled
            assertThat(producer.stop(PATIENCE)).as("the producer's exit status after SIGTERM").isIn(0, 143);
            expected = Expected.fromRawTopic(kafka.bootstrapServers(), pipeline.raw(), client);
            LOG.info("expected: {}", expected);
            outputs.awaitComplete(expected, PATIENCE,
                    () -> a.isAlive() ? null : "the last instance exited:\n" + a.tail());
            assertThat(a.stop(PATIENCE)).as("exit status after SIGTERM").isZero();
            producerSummary = producer.output();
        }

        LOG.info("failover times (kill to the next committed pair of new input), median per kind: {}",
                StreamsRunnerKills.medians(kills));
        assertThat(producerSummary).as("every record the producer sent is in the raw topic")
                .contains(String.format("acked %d, failed 0", expected.raw()));
        assertThat(kills).hasSize(4).allSatisfy(kill -> {
            assertThat(kill.pairsCommitted()).as("%s came before the output was complete", kill).isLessThan(expected.pairs());
            assertThat(kill.producerStillSending()).as("%s came while records still arrived", kill).isTrue();
        });
        Verification.assertExact(client, pipeline, expected);
    }
}
