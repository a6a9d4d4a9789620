package dev.pairing.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.schemas.codec.ComplementClassKey;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.schemas.deadletter.DeadLetterHeaders;
import dev.pairing.testsupport.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.internal.DefaultRecord;
import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Topics an operator created beforehand with the broker's defaults, no headroom anywhere: raw
 * records as large as the raw topic accepts (at the default limit and at a raised one), an empty
 * and a null one, among thousands of valid numbers. The runner must keep running, every 5 must
 * pair with its 7, and each big record must have exactly one dead letter, truncated to fit and
 * saying so.
 */
class OperatorTopicsIT {

    @RegisterExtension
    static final EmbeddedKafka kafka = new EmbeddedKafka();

    /** The broker's default message.max.bytes, which a topic without an override inherits. */
    private static final int BROKER_DEFAULT_LIMIT = 1_048_588;
    private static final int RAISED_RAW_LIMIT = 5 * 1024 * 1024;

    @Test
    void recordsAtTheRawTopicsLimitBecomeTruncatedDeadLettersAndNothingStops(@TempDir Path dir) throws Exception {
        for (String scenario : List.of("default", "raised")) {
            int rawLimit = scenario.equals("default") ? BROKER_DEFAULT_LIMIT : RAISED_RAW_LIMIT;
            runScenario(scenario, rawLimit, dir.resolve(scenario));
        }
    }

    private void runScenario(String scenario, int rawLimit, Path stateDir) throws Exception {
        String raw = "raw-" + scenario;
        String enriched = "enriched-" + scenario;
        String dlq = "dlq-" + scenario;
        String unpaired = "unpaired-" + scenario;
        createOperatorTopics(raw, rawLimit, enriched, dlq, unpaired);
        StreamsRunnerConfig config = StreamsRunnerFlags.parse("--bootstrapServers", kafka.bootstrapServers(),
                "--groupId", "operator-topics-" + scenario, "--stateDir", stateDir.toString(),
                "--rawTopic", raw, "--enrichedTopic", enriched, "--DLQ", dlq, "--unpairedTopic", unpaired,
                "--createTopics", "false", "--inputKeyedByClass", "true");

        byte[] bigKey = "big".getBytes(StandardCharsets.UTF_8);
        byte[] big = new byte[largestValue(rawLimit, bigKey)];
        new Random(11).nextBytes(big);
        int pairsSent = 0;
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        // now, not a fixed date: outputs keep raw timestamps, and time-based retention deletes old ones
        long now = System.currentTimeMillis();
        for (int i = 0; i < 3_000; i++) {
            long at = now + i;
            records.add(new ProducerRecord<>(raw, 0, at, ComplementClassKey.encode(5), RawValueCodec.encodeAvro(5, (long) i, null)));
            records.add(new ProducerRecord<>(raw, 0, at, ComplementClassKey.encode(5), RawValueCodec.encodeAvro(7, (long) i, null)));
            pairsSent++;
            if (i == 1_000) {
                records.add(new ProducerRecord<>(raw, 0, at, bigKey, big));
            }
            if (i == 2_000) {
                records.add(new ProducerRecord<>(raw, 0, at, "empty".getBytes(), new byte[0]));
                records.add(new ProducerRecord<>(raw, 0, at, (byte[]) null, (byte[]) null));
            }
        }

        try (PairingApp app = PairingApp.start(config)) {
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).as("reaches RUNNING").isTrue();
            produce(records, rawLimit);
            int expectedPairs = pairsSent;
            List<ConsumerRecord<byte[], byte[]>> pairs = kafka.awaitCommitted(enriched,
                    r -> r.size() >= expectedPairs || app.state() != KafkaStreams.State.RUNNING, Duration.ofSeconds(120));
            assertThat(app.state()).as("the runner after a record at the raw topic's limit").isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(pairs).as("every 5 paired with its 7").hasSize(pairsSent);

            List<ConsumerRecord<byte[], byte[]>> letters = kafka.readCommitted(dlq);
            assertThat(letters).hasSize(3);
            ConsumerRecord<byte[], byte[]> letter = letters.stream()
                    .filter(r -> r.key() != null && new String(r.key()).equals("big")).findFirst().orElseThrow();
            assertThat(header(letter, DeadLetterHeaders.TRUNCATED)).isEqualTo("true");
            assertThat(header(letter, DeadLetterHeaders.ORIGINAL_SIZE)).isEqualTo(Integer.toString(big.length));
            assertThat(header(letter, DeadLetterHeaders.ORIGINAL_SHA256)).isEqualTo(sha256Hex(big));
            assertThat(header(letter, DeadLetterHeaders.REASON)).isEqualTo("TOO_LARGE");
            assertThat(letter.value().length).isLessThan(big.length);
            assertThat(letter.value()).isEqualTo(java.util.Arrays.copyOf(big, letter.value().length));
        }
    }

    /** What an operator does: the four topics with the broker's defaults, except a raised raw limit. */
    private static void createOperatorTopics(String raw, int rawLimit, String... outputs) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        NewTopic rawTopic = new NewTopic(raw, 1, (short) 1);
        if (rawLimit != BROKER_DEFAULT_LIMIT) {
            rawTopic.configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(rawLimit)));
        }
        topics.add(rawTopic);
        for (String output : outputs) {
            topics.add(new NewTopic(output, 1, (short) 1));
        }
        try (Admin admin = kafka.admin()) {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
    }

    /** The largest value whose one-record batch the broker accepts on a topic with this limit. */
    static int largestValue(int topicLimit, byte[] key) {
        int value = topicLimit;
        while (DefaultRecordBatch.RECORD_BATCH_OVERHEAD
                + DefaultRecord.sizeInBytes(0, 0L, key.length, value, new Header[0]) > topicLimit) {
            value--;
        }
        return value;
    }

    private static void produce(List<ProducerRecord<byte[], byte[]>> records, int rawLimit) throws Exception {
        Properties props = kafka.producerProperties();
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(rawLimit + 1024));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> record : records) {
                sends.add(producer.send(record));
            }
            for (var send : sends) {
                send.get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
