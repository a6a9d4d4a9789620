package dev.pairing.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.matching.PendingLimits;
import dev.pairing.testsupport.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** verify against a real broker: topics written as a correct runner would, then with faults planted. */
class VerifyCliIT {

    @RegisterExtension
    static final EmbeddedKafka kafka = new EmbeddedKafka();

    private static SimulatedPipeline pipeline;

    @BeforeAll
    static void writeTopics() {
        pipeline = SimulatedPipeline.classKeyed(20_000, 3, 5, new PendingLimits(100, 0));
        kafka.createTopics(3, "raw");
        kafka.createTopics(1, "enriched", "dlq", "unpaired");
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (String topic : List.of("raw", "enriched", "dlq", "unpaired")) {
            for (TopicRecord r : pipeline.topics.get(topic)) {
                records.add(toProducerRecord(topic, r));
            }
        }
        kafka.produce(records);
    }

    private static ProducerRecord<byte[], byte[]> toProducerRecord(String topic, TopicRecord r) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, r.partition(), r.timestamp(), r.key(), r.value());
        for (String name : List.of("pairing.dlq.reason", "pairing.dlq.detail", "pairing.dlq.topic",
                "pairing.dlq.partition", "pairing.dlq.offset", "pairing.dlq.timestamp")) {
            byte[] value = r.lastHeader().apply(name);
            if (value != null) {
                record.headers().add(new RecordHeader(name, value));
            }
        }
        return record;
    }

    private record Run(int exit, String out, String err) {}

    private static Run verify(String... extra) throws Exception {
        java.util.Map<String, String> flagValues = new java.util.LinkedHashMap<>(java.util.Map.of(
                "--bootstrapServers", kafka.bootstrapServers(), "--rawTopic", "raw", "--enrichedTopic", "enriched",
                "--DLQ", "dlq", "--unpairedTopic", "unpaired", "--maxPendingPerClass", "100"));
        for (int i = 0; i < extra.length; i += 2) {
            flagValues.put(extra[i], extra[i + 1]);
        }
        List<String> args = new ArrayList<>();
        flagValues.forEach((flag, value) -> args.addAll(List.of(flag, value)));
        var flags = VerifyCli.FLAGS.parse(args.toArray(String[]::new));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = VerifyCli.run(VerifyCli.config(flags), new PrintStream(out, true), new PrintStream(err, true));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aCorrectPipelineExitsZero() throws Exception {
        Run run = verify();
        assertThat(run.out()).contains("RESULT: OK", "20,000");
        assertThat(run.exit()).isZero();
        assertThat(run.err()).contains("read raw: 20,000 records");
    }

    @Test
    void theWrongSettingsFailTheExactComparison() throws Exception {
        Run run = verify("--maxPendingPerClass", "7");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("ORACLE_MISMATCH", "RESULT: FAILED");
    }

    @Test
    void aMissingTopicIsAClearErrorNotAHang() throws Exception {
        Run run = verify("--enrichedTopic", "no-such-topic");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("no-such-topic");
    }

    @Test
    void aDuplicateWrittenToTheRealTopicIsCaught() throws Exception {
        String topic = "enriched-with-duplicate";
        kafka.createTopics(1, topic);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        pipeline.topics.get("enriched").forEach(r -> records.add(toProducerRecord(topic, r)));
        records.add(toProducerRecord(topic, pipeline.topics.get("enriched").get(42)));
        kafka.produce(records);

        Run run = verify("--enrichedTopic", topic);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("DUPLICATE");
    }

    @Test
    void badFlagsAreUsageErrors() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VerifyCli.FLAGS.parse("--rawTopik", "x"))
                .hasMessage("unknown flag --rawTopik");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VerifyCli.config(VerifyCli.FLAGS.parse("--pendingTtl", "-3")))
                .isInstanceOf(dev.pairing.flags.UsageException.class);
    }

}
