package dev.pairing.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pairing.schemas.codec.ComplementClassKey;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.testsupport.EmbeddedKafka;
import dev.pairing.verify.VerifyCli;
import dev.pairing.verify.VerifyConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state directory copied to start a second instance (a cloned disk, a volume restored elsewhere)
 * brings the first one's static member id and Kafka Streams process id with it. The two would fence
 * each other; the copy must take ids of its own, and both run.
 */
class CopiedStateDirIT {

    @RegisterExtension
    static final EmbeddedKafka kafka = new EmbeddedKafka();

    @Test
    void aCopiedStateDirectoryTakesIdsOfItsOwnAndBothInstancesKeepRunning(@TempDir Path dir) throws Exception {
        StreamsRunnerConfig first = runner(dir.resolve("first"));
        try (PairingApp one = PairingApp.start(first)) {
            assertThat(one.awaitRunning(Duration.ofSeconds(60))).isTrue();
            kafka.produce(numbers(0, 5, 7));
            kafka.awaitCommitted("enriched-topic", records -> records.size() >= 1, Duration.ofSeconds(60));
            copy(dir.resolve("first"), dir.resolve("copy"));

            try (PairingApp two = PairingApp.start(runner(dir.resolve("copy")))) {
                assertThat(two.awaitRunning(Duration.ofSeconds(60))).isTrue();
                kafka.produce(numbers(100, 4, 8, 3, 9, 2, 10));
                kafka.awaitCommitted("enriched-topic", records -> records.size() >= 4, Duration.ofSeconds(90));
                await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(List.of(one.state(), two.state())).as("the original's and the copy's state")
                                .containsOnly(KafkaStreams.State.RUNNING));
                assertThat(Files.readString(dir.resolve("copy/copied-it.instance-id")))
                        .as("the copy's member id").isNotEqualTo(Files.readString(dir.resolve("first/copied-it.instance-id")));
            }
        }
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        int verdict = VerifyCli.run(VerifyConfig.of(first.pipeline()), new PrintStream(report, true, StandardCharsets.UTF_8), System.err);
        assertThat(verdict).as(report.toString(StandardCharsets.UTF_8)).isZero();
    }

    private static StreamsRunnerConfig runner(Path stateDir) throws Exception {
        return StreamsRunnerFlags.parse("--bootstrapServers", kafka.bootstrapServers(), "--groupId", "copied-it",
                "--stateDir", stateDir.toString(), "--partitions", "2");
    }

    private static List<ProducerRecord<byte[], byte[]>> numbers(int sequence, long... values) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (long value : values) {
            int cls = (int) Math.min(value, 12 - value);
            records.add(new ProducerRecord<>("raw-topic", ComplementClassKey.encode(cls),
                    RawValueCodec.encodeAvro(value, (long) sequence++, null)));
        }
        return records;
    }

    /** What cp -r does, lock files included. */
    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
