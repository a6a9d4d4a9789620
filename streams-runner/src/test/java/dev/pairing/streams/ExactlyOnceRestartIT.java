package dev.pairing.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.PairingOracle;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.runner.RunnerFlags;
import dev.pairing.launcher.runner.StreamsRunnerProcess;
import dev.pairing.producer.NumberStream;
import dev.pairing.runtime.PipelineSpec;
import dev.pairing.testsupport.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packaged runner, exactly-once, killed with SIGKILL while records still stream in, then
 * restarted: what a read_committed reader sees must be exactly what the core computes from the
 * same input, with no pair, dead letter or unpaired record lost or doubled.
 */
class ExactlyOnceRestartIT {

    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceRestartIT.class);

    @RegisterExtension
    static final EmbeddedKafka kafka = new EmbeddedKafka();

    private static final int RECORDS = 24_000;
    private static final int CHUNK = 1_000;
    /** Small enough that classes overflow: evictions are part of what must come out exactly once. */
    private static final PipelineSpec CONFIG = PipelineSpec.builder().limits(new PendingLimits(20, 0)).build();
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final LocalBuild BUILD = LocalBuild.locate();

    @Test
    void killedMidStreamAndRestartedItCommitsEachOutcomeExactlyOnce(@TempDir Path dir) throws Exception {
        kafka.createTopics(3, CONFIG.rawTopic(), CONFIG.enrichedTopic(), CONFIG.deadLetterTopic(), CONFIG.unpairedTopic());
        RunnerFlags flags = new RunnerFlags().bootstrapServers(kafka.bootstrapServers()).groupId("restart-it")
                .stateDir(dir.resolve("state")).pairSum(CONFIG.pairSum())
                .flag(RunnerFlags.MAX_PENDING_PER_CLASS, Long.toString(CONFIG.limits().maxPendingPerClass()))
                .inputKeyedByClass(true).createTopics(false)
                // the killed instance leaves a member behind; the broker's minimum session timeout lets
                // the restarted one take over after 6 s instead of the default 45 s
                .kafkaProperty("session.timeout.ms", "6000").kafkaProperty("heartbeat.interval.ms", "1500");

        CompletableFuture<Void> producing;
        int pairsAtKill;
        try (StreamsRunnerProcess first = StreamsRunnerProcess.start(BUILD, flags, dir.resolve("first.log"))) {
            first.awaitRunning(PATIENCE);
            producing = CompletableFuture.runAsync(ExactlyOnceRestartIT::produceAll);
            pairsAtKill = kafka.awaitCommitted(CONFIG.enrichedTopic(), pairs -> pairs.size() >= 500, PATIENCE).size();
            first.kill();
        }
        LOG.info("killed the runner with {} pairs committed", pairsAtKill);

        RecordedOutcome outcome;
        PairingOracle oracle;
        try (StreamsRunnerProcess second = StreamsRunnerProcess.start(BUILD, flags, dir.resolve("second.log"))) {
            second.awaitRunning(PATIENCE);
            producing.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            List<ConsumerRecord<byte[], byte[]>> raw = kafka.readCommitted(CONFIG.rawTopic());
            assertThat(raw).hasSize(RECORDS);
            oracle = RecordedOutcome.oracle(CONFIG, raw);
            kafka.awaitCommitted(CONFIG.deadLetterTopic(), r -> r.size() >= oracle.rejections().size(), PATIENCE);
            kafka.awaitCommitted(CONFIG.unpairedTopic(), r -> r.size() >= oracle.unpaired().size(), PATIENCE);
            kafka.awaitCommitted(CONFIG.enrichedTopic(), r -> r.size() >= oracle.pairs().size(), PATIENCE);

            assertThat(second.stop(PATIENCE)).as("exit status after SIGTERM").isZero();
            assertThat(second.process().output()).contains("stopped cleanly");
            outcome = new RecordedOutcome(raw, kafka.readCommitted(CONFIG.enrichedTopic()),
                    kafka.readCommitted(CONFIG.deadLetterTopic()), kafka.readCommitted(CONFIG.unpairedTopic()));
        }
        LOG.info("after the restart: {}; oracle: {} pairs, {} rejections, {} unpaired, {} pending",
                RecordedOutcome.counts(outcome), oracle.pairs().size(), oracle.rejections().size(),
                oracle.unpaired().size(), oracle.pendingCount());

        assertThat(pairsAtKill).as("the kill came mid-stream").isLessThan(oracle.pairs().size());
        assertThat(oracle.unpaired()).as("the input overflows some classes").isNotEmpty();
        outcome.assertEquals(CONFIG, oracle);
        outcome.assertRecordShapes(CONFIG);
        outcome.assertLedger(oracle.pendingCount());
    }

    /** The producer's stream, paced in chunks so the kill lands while records still arrive. */
    private static void produceAll() {
        NumberStream stream = new NumberStream(CONFIG.pairSum(), 0.1, NumberStream.Format.AVRO, 42);
        long start = System.currentTimeMillis();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties())) {
            for (int sent = 0; sent < RECORDS; sent += CHUNK) {
                List<ProducerRecord<byte[], byte[]>> chunk = new ArrayList<>();
                for (int i = sent; i < sent + CHUNK; i++) {
                    NumberStream.Generated next = stream.next(start + i);
                    chunk.add(new ProducerRecord<>(CONFIG.rawTopic(), null, start + i, next.key(), next.value()));
                }
                chunk.forEach(producer::send);
                producer.flush();
                pace();
            }
        }
    }

    private static void pace() {
        try {
            Thread.sleep(100); // a steady stream, not a synchronisation: nothing waits on this
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
