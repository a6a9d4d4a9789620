package dev.pairing.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pairing.flink.local.LocalJobFlags;
import dev.pairing.kafka.topics.PipelineTopics;
import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.kafka.LocalKafka;
import dev.pairing.launcher.kafka.Topics;
import dev.pairing.launcher.process.Ports;
import dev.pairing.launcher.process.ProcessArguments;
import dev.pairing.launcher.runner.RunnerFlags;
import dev.pairing.local.PackagedCommand;
import dev.pairing.local.ledger.FinalLedger;
import dev.pairing.producer.NumberProducer;
import dev.pairing.producer.NumberStream;
import dev.pairing.verify.VerifyReport;
import dev.pairing.verify.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./pairing flink-local} as a user runs it, against a real local broker: the job's JVM is
 * SIGKILLed while the producer still sends (numbers and corrupted records), after at least one
 * completed checkpoint; the same command with the same {@code --stateDir} and {@code --groupId}
 * resumes from that checkpoint, and verify's ledger is exact: every raw record in exactly one place,
 * the pairs pairing-core computes, nothing lost, nothing twice. Ctrl-C then stops it, keeping its
 * checkpoints, and nothing it started is left.
 */
class FlinkLocalCommandIT {

    private static final Logger LOG = LoggerFactory.getLogger(FlinkLocalCommandIT.class);
    private static final int PAIR_SUM = 12;
    private static final String GROUP = "flink-local-it";
    private static final Duration UP_WITHIN = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private final List<PackagedCommand> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(PackagedCommand::destroyAll);
    }

    private PackagedCommand start(String name, List<String> args) throws IOException {
        PackagedCommand command = PackagedCommand.start(dir.resolve(name + ".txt"), args);
        started.add(command);
        return command;
    }

    @Test
    void aKilledJobResumesFromItsCheckpointWithNothingLostOrTwice() throws Exception {
        Path stateDir = dir.resolve("state");
        int kafkaPorts = Ports.freeRange(2);
        try (LocalKafka kafka = LocalKafka.start(LocalBuild.locate(), dir.resolve("kafka"), kafkaPorts, kafkaPorts + 1)) {
            Properties client = new Properties();
            client.put("bootstrap.servers", kafka.bootstrapServers());
            Topics.ensure(client, 3, PipelineTopics.DEFAULT);
            List<String> command = new ArrayList<>(List.of("flink-local"));
            command.addAll(new RunnerFlags().bootstrapServers(kafka.bootstrapServers()).pairSum(PAIR_SUM)
                    .groupId(GROUP).stateDir(stateDir).checkpointInterval("500ms").toArgs());

            try (Sending producer = Sending.start(client)) {
                PackagedCommand first = start("first", command);
                first.awaitOutput("no checkpoint of group " + GROUP, UP_WITHIN);
                // a checkpoint whose completion reached Kafka: the group's offsets, its pairs committed
                await().atMost(UP_WITHIN).until(() -> committedOffsets(client) > 0 || !first.isAlive());
                assertThat(completedCheckpoints(stateDir)).as(first.output()).isNotEmpty();

                ProcessHandle job = first.descendants().stream()
                        .filter(p -> ProcessArguments.runs(p, LocalJobFlags.MAIN_CLASS)).findFirst().orElseThrow();
                String killedAt = completedCheckpoints(stateDir).toString();
                job.destroyForcibly();
                assertThat(producer.isSending()).as("killed mid-stream: the producer still sends").isTrue();
                assertThat(first.awaitExit(Duration.ofMinutes(1))).as("the command ends with its job's status")
                        .isEqualTo(137);
                first.assertNothingLeft(1);

                PackagedCommand second = start("second", command);
                second.awaitOutput("resuming from checkpoint " + stateDir.resolve("checkpoints"), UP_WITHIN);
                NumberProducer.Progress sent = producer.stop();
                assertThat(sent.failed()).isZero();
                assertThat(sent.kinds().get(NumberStream.Kind.VALID)).as("corrupted records too").isLessThan(sent.acked());

                FinalLedger.Result caughtUp = awaitExactLedger(client, sent.acked());
                assertExact(caughtUp.report(), sent.acked());
                LOG.info("after a SIGKILL at {} and a resume: {}", killedAt, caughtUp.sum());

                second.interrupt();
                second.awaitExit(Duration.ofMinutes(1));
                second.assertNothingLeft(1);
                assertThat(completedCheckpoints(stateDir)).as("Ctrl-C keeps the checkpoints").isNotEmpty();
                assertExact(FinalLedger.take(client, PipelineTopics.DEFAULT, PAIR_SUM, false).report(), sent.acked());
            }
        }
    }

    /** The project's producer on a thread of its own: numbers at 400/s, 5 % of them corrupted, until stopped. */
    private record Sending(NumberProducer producer, Thread thread) implements AutoCloseable {

        static Sending start(Properties client) {
            NumberProducer producer = new NumberProducer(client, new NumberProducer.Settings(PipelineTopics.RAW, PAIR_SUM,
                    0.05, NumberStream.Format.AVRO, 23, 400, -1, null));
            Thread thread = new Thread(producer::run, "producer");
            thread.start();
            return new Sending(producer, thread);
        }

        boolean isSending() {
            return thread.isAlive();
        }

        /** Stops sending; what was sent, every record acknowledged or failed. */
        NumberProducer.Progress stop() throws InterruptedException {
            producer.stop();
            thread.join();
            return producer.progress();
        }

        @Override
        public void close() throws InterruptedException {
            stop();
            producer.close();
        }
    }

    /** The sum of the job's committed offsets on the raw topic: Flink commits them when a checkpoint completes. */
    private static long committedOffsets(Properties client) throws Exception {
        try (Admin admin = Admin.create(client)) {
            return admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .values().stream().filter(Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    /** verify's check once the job has caught up; it fails with the last report if it never balances. */
    private static FinalLedger.Result awaitExactLedger(Properties client, long raw) {
        FinalLedger.Result[] last = new FinalLedger.Result[1];
        await().atMost(UP_WITHIN).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            last[0] = FinalLedger.take(client, PipelineTopics.DEFAULT, PAIR_SUM, false);
            assertThat(last[0].report().raw()).isEqualTo(raw);
            assertThat(last[0].balanced()).as(last[0].text()).isTrue();
        });
        return last[0];
    }

    private static void assertExact(VerifyReport report, long raw) {
        assertThat(report.shownViolations()).as("verify's violations").isEmpty();
        assertThat(report.classKeyed()).as("compared pair by pair with pairing-core (class-keyed input)").isTrue();
        assertThat(report.violations(Violation.Kind.DUPLICATE)).as("accounted for twice").isZero();
        assertThat(report.violations(Violation.Kind.UNMATCHED_COMPLEMENTS)).as("pairs lost").isZero();
        assertThat(report.violations(Violation.Kind.MISSING_FROM_DLQ)).as("dead letters lost").isZero();
        assertThat(report.raw()).isEqualTo(raw);
        assertThat(2 * report.pairs() + report.deadLetters() + report.unpaired() + report.pending()).isEqualTo(raw);
        assertThat(report.pairs()).isPositive();
        assertThat(report.deadLetters()).isPositive();
    }

    /**
     * The checkpoints Flink finished writing (those with their metadata), of any job in the state
     * directory. Flink deletes a subsumed one at any moment, so a directory that vanishes while it is
     * listed counts as none.
     */
    private static List<Path> completedCheckpoints(Path stateDir) {
        try (Stream<Path> files = Files.walk(stateDir.resolve("checkpoints"), 3)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata")).toList();
        } catch (IOException | UncheckedIOException vanished) {
            return List.of();
        }
    }
}
