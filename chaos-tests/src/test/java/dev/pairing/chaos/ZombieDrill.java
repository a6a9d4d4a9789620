package dev.pairing.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pairing.launcher.kafka.RunningKafka;
import dev.pairing.launcher.process.ChildProcess;
import dev.pairing.launcher.process.Poll;
import dev.pairing.launcher.runner.RunnerFlags;
import dev.pairing.netns.Fault;
import dev.pairing.netns.Host;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A zombie: one of two Kafka Streams instances made unable to reach the brokers for longer than its
 * session and transaction timeouts while records stream in, and then back; by a partition or a
 * freeze (the {@code fault}). Its partner must take its partitions over and output must resume in
 * them; the zombie must still run when the fault ends, hold an open transaction the coordinator
 * has aborted, be fenced, commit nothing twice, and rejoin. verify's exact ledger ends it.
 *
 * <p>The outage it logs: when the partner held every raw partition, when the coordinator rolled the
 * zombie's transaction back, when the first pair of input produced after the fault came out of the
 * zombie's partitions, and when the zombie held partitions again after the fault ended.
 */
final class ZombieDrill {

    private static final Logger LOG = LoggerFactory.getLogger(ZombieDrill.class);

    /** An upper bound only: the producer is stopped a while after the zombie has rejoined. */
    private static final int RECORDS = 2_000_000;
    private static final int RATE = 1_500;
    /** Past the runner's 10 s session and Kafka Streams' 10 s transaction timeout. */
    static final Duration HOLD = Duration.ofSeconds(25);
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    /**
     * Pairs committed after the rejoin before the producer stops. Work done twice may first show
     * only in the pending state (a record the zombie paired waits again at its partner), which the
     * ledger cannot see; new input gives such a record a partner, and the duplicate a pair.
     */
    private static final long PAIRS_AFTER_REJOIN = 10_000;

    /** What the fault cost, each figure from the moment it began (the rejoin from its end). */
    record Outage(String fault, Duration takeover, long rollbackAfterMillis, Optional<Duration> resumed,
            Duration rejoin) {

        @Override
        public String toString() {
            return String.format("outage of %s for %d s: b held every raw partition after %d ms; the coordinator "
                    + "rolled a's open transaction back after %s; the first pair of new input in a's partitions "
                    + "after %s; a held raw partitions again %d ms after the fault ended", fault, HOLD.toSeconds(),
                    takeover.toMillis(), rollbackAfterMillis < 0 ? "(no rollback logged)" : rollbackAfterMillis + " ms",
                    resumed.map(d -> d.toMillis() + " ms").orElse("never"), rejoin.toMillis());
        }
    }

    private final Path dir;
    private final Pipeline pipeline;
    private final RunningKafka kafka;
    private final RunnerFlags variant;

    /**
     * @param variant flags both runners get beyond the pipeline's: none for the drill itself, the
     *     broken variant's ({@link Drill#variant(String)}) otherwise
     */
    ZombieDrill(Path dir, Pipeline pipeline, RunningKafka kafka, RunnerFlags variant) {
        this.dir = dir;
        this.pipeline = pipeline;
        this.kafka = kafka;
        this.variant = variant;
    }

    /**
     * Runs it with instance a on {@code hostA} and b on {@code hostB} (null: loopback); {@code fault}
     * makes a a zombie and is healed after {@link #HOLD}.
     */
    Outage run(Host hostA, Host hostB, String faultName, Function<StreamsInstance, Fault> fault) throws Exception {
        String servers = kafka.bootstrapServers();
        Properties client = Drill.client(servers);
        pipeline.create(client);
        Expected expected;
        Outage outage;
        try (Outputs outputs = new Outputs(client, pipeline);
                FailoverClock clock = new FailoverClock(client, pipeline.enriched());
                Admin admin = Admin.create(client);
                ChildProcess producer = ProducerCommand.start(dir.resolve("producer.log"), servers, pipeline.raw(),
                        RECORDS, RATE, ChaosSeed.random("zombie " + pipeline.group()).nextLong());
                StreamsInstance a = new StreamsInstance("a", dir.resolve("a"), pipeline, servers, hostA, variant);
                StreamsInstance b = new StreamsInstance("b", dir.resolve("b"), pipeline, servers, hostB, variant)) {
            a.start(PATIENCE);
            b.start(PATIENCE);
            await("both instances hold raw partitions").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                    .until(() -> !a.rawPartitions(admin).isEmpty() && !b.rawPartitions(admin).isEmpty());
            await("pairs committed before the fault").atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                    .until(() -> outputs.pairs() > 0);
            Set<Integer> zombiePartitions = a.rawPartitions(admin);
            LOG.info("before the fault: a holds raw partitions {}, b {}", zombiePartitions, b.rawPartitions(admin));

            long faultAt = System.currentTimeMillis();
            Duration takeover;
            Optional<Duration> resumed;
            try (Fault applied = fault.apply(a)) {
                LOG.info("fault: {}", applied.description());
                await("b holds every raw partition").atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                        .until(() -> b.rawPartitions(admin).size() == Pipeline.PARTITIONS);
                takeover = Duration.ofMillis(System.currentTimeMillis() - faultAt);
                resumed = clock.awaitRecovery(zombiePartitions, faultAt, PATIENCE);
                // the rest of the fault's planned length: chaos by design, not a wait for anything
                Poll.pause(Duration.ofMillis(Math.max(0, faultAt + HOLD.toMillis() - System.currentTimeMillis())));
                assertThat(a.isAlive()).as("the zombie still runs when the fault ends").isTrue();
            }
            long healedAt = System.currentTimeMillis();
            await("a rejoins and holds raw partitions again").atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                    .until(() -> !a.rawPartitions(admin).isEmpty());
            Duration rejoin = Duration.ofMillis(System.currentTimeMillis() - healedAt);
            long rollback = BrokerLog.first(kafka, faultAt, BrokerLog.TIMED_OUT_ROLLBACK + pipeline.group() + "-");
            outage = new Outage(faultName, takeover, rollback < 0 ? -1 : rollback - faultAt, resumed, rejoin);
            LOG.info("{}", outage);
            long pairsAtRejoin = outputs.pairs();
            await("pairs of input after the rejoin").atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                    .until(() -> outputs.pairs() >= pairsAtRejoin + PAIRS_AFTER_REJOIN);

            assertThat(producer.stop(PATIENCE)).as("the producer's exit status after SIGTERM").isIn(0, 143);
            expected = Expected.fromRawTopic(servers, pipeline.raw(), client);
            LOG.info("expected: {}", expected);
            outputs.awaitComplete(expected, PATIENCE, () -> a.isAlive() && b.isAlive() ? null
                    : "an instance exited:\n" + a.tail() + "\n" + b.tail());
            LOG.info("the zombie's log: {} lines with 'enced', {} with 'TaskMigrated', {} thread replacements",
                    a.linesContaining("enced"), a.linesContaining("TaskMigrated"), a.linesContaining("replacing it"));
            assertThat(resumed).as("output resumed in the zombie's partitions").isPresent();
            assertThat(a.stop(PATIENCE)).as("a's exit status after SIGTERM").isZero();
            assertThat(b.stop(PATIENCE)).as("b's exit status after SIGTERM").isZero();
        }
        Verification.assertExact(client, pipeline, expected);
        return outage;
    }
}
