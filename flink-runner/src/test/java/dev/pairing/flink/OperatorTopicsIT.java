package dev.pairing.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.flink.sink.OutputSinks;
import dev.pairing.flink.testing.JobStart;
import dev.pairing.kafka.topics.TopicContract;
import dev.pairing.schemas.codec.ComplementClassKey;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.schemas.deadletter.DeadLetterFit;
import dev.pairing.schemas.deadletter.DeadLetterHeaders;
import dev.pairing.testsupport.LaunchedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Topics an operator created beforehand with the broker's defaults (no headroom) and a raw topic
 * that takes 5 MB: raw records of the broker's default size and of the raw topic's limit, an empty
 * and a null one, among thousands of valid numbers. The job must never fail (it runs without a
 * restart strategy, so a failure would end it), every 5 must pair with its 7, and each big record
 * must have one dead letter, truncated to fit and saying so.
 */
class OperatorTopicsIT {

    private static final int BROKER_DEFAULT_LIMIT = 1_048_588;
    private static final int RAW_LIMIT = 5 * 1024 * 1024;

    @RegisterExtension
    static final LaunchedKafka KAFKA = new LaunchedKafka();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void recordsAtTheRawTopicsLimitBecomeTruncatedDeadLettersAndTheJobNeverFails() throws Exception {
        createOperatorTopics(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(RAW_LIMIT)),
                "raw", "enriched", "dlq", "unpaired");
        PairingJobConfig config = JobFlags.parse("--bootstrapServers", KAFKA.bootstrapServers(), "--rawTopic", "raw",
                "--enrichedTopic", "enriched", "--DLQ", "dlq", "--unpairedTopic", "unpaired", "--groupId", "operator",
                "--checkpointInterval", "500ms", "--createTopics", "false");
        assertThat(JobStart.createTopics(config)).isEmpty();
        try (Admin admin = KAFKA.admin()) {
            TopicContract.Prepared prepared = TopicContract.prepare(admin, config.pipeline().topics(),
                    new TopicContract.Options(1, TopicContract.CLUSTER_DEFAULT_REPLICATION, false, false, OutputSinks.deadLetterMaxRequestSize(config),
                            DeadLetterFit.MINIMUM_LIMIT, "none"), KAFKA.bootstrapServers());
            assertThat(prepared.deadLetterLimit()).as("the dead-letter topic's default").isEqualTo(BROKER_DEFAULT_LIMIT);
            assertThat(prepared.warnings()).singleElement().asString().contains("dlq", "raw",
                    Integer.toString(BROKER_DEFAULT_LIMIT), Integer.toString(RAW_LIMIT), "truncated");
        }

        byte[] atDefault = random(largestValue(BROKER_DEFAULT_LIMIT, 7), 1);
        byte[] atRaised = random(largestValue(RAW_LIMIT, 6), 2);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        int pairsSent = 0;
        // now, not a fixed date: outputs keep raw timestamps, and time-based retention deletes old ones
        long now = System.currentTimeMillis();
        for (int i = 0; i < 2_000; i++) {
            records.add(new ProducerRecord<>("raw", 0, now + i, ComplementClassKey.encode(5),
                    RawValueCodec.encodeAvro(5, (long) i, null)));
            records.add(new ProducerRecord<>("raw", 0, now + i, ComplementClassKey.encode(5),
                    RawValueCodec.encodeAvro(7, (long) i, null)));
            pairsSent++;
            switch (i) {
                case 500 -> records.add(new ProducerRecord<>("raw", 0, now + i, bytes("default"), atDefault));
                case 1_000 -> records.add(new ProducerRecord<>("raw", 0, now + i, bytes("raised"), atRaised));
                case 1_500 -> {
                    records.add(new ProducerRecord<>("raw", 0, now + i, bytes("empty"), new byte[0]));
                    records.add(new ProducerRecord<>("raw", 0, now + i, (byte[]) null, (byte[]) null));
                }
                default -> { }
            }
        }
        produce(records);

        JobClient job = submit(config);
        try {
            int expectedPairs = pairsSent;
            List<ConsumerRecord<byte[], byte[]>> pairs = KAFKA.awaitCommitted("enriched",
                    r -> r.size() >= expectedPairs || isDone(job), Duration.ofMinutes(3));
            assertThat(job.getJobStatus().get()).as("the job after records at the raw topic's limits")
                    .isEqualTo(JobStatus.RUNNING);
            assertThat(pairs).as("every 5 paired with its 7").hasSize(pairsSent);
            List<ConsumerRecord<byte[], byte[]>> letters = KAFKA.awaitCommitted("dlq", r -> r.size() >= 4,
                    Duration.ofMinutes(1));
            assertThat(letters).hasSize(4);
            assertTruncated(letter(letters, "default"), atDefault);
            assertTruncated(letter(letters, "raised"), atRaised);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void aCompactedOutputTopicIsRefusedAtStartNamingTopicAndSetting() throws Exception {
        createOperatorTopics(Map.of(), "raw-c", "dlq-c", "unpaired-c");
        try (Admin admin = KAFKA.admin()) {
            admin.createTopics(List.of(new NewTopic("enriched-c", 1, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get(60, TimeUnit.SECONDS);
        }
        String[] flags = {"--bootstrapServers", KAFKA.bootstrapServers(), "--rawTopic", "raw-c",
                "--enrichedTopic", "enriched-c", "--DLQ", "dlq-c", "--unpairedTopic", "unpaired-c"};
        assertThatThrownBy(() -> JobStart.createTopics(JobFlags.parse(flags)))
                .hasMessageContaining("enriched-c").hasMessageContaining("cleanup.policy=compact")
                .hasMessageContaining("--allowCompactedOutputs");

        List<String> allowed = new ArrayList<>(List.of(flags));
        allowed.addAll(List.of("--allowCompactedOutputs", "true"));
        assertThat(JobStart.createTopics(JobFlags.parse(allowed.toArray(String[]::new)))).isEmpty();
    }

    private static void assertTruncated(ConsumerRecord<byte[], byte[]> letter, byte[] original) {
        assertThat(header(letter, DeadLetterHeaders.TRUNCATED)).isEqualTo("true");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_SIZE)).isEqualTo(Integer.toString(original.length));
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_SHA256)).isEqualTo(DeadLetterFit.sha256Hex(original));
        assertThat(header(letter, DeadLetterHeaders.REASON)).isEqualTo("TOO_LARGE");
        assertThat(letter.value().length).isLessThan(original.length).isGreaterThan(BROKER_DEFAULT_LIMIT - 1_000);
        assertThat(letter.value()).isEqualTo(Arrays.copyOf(original, letter.value().length));
    }

    private static boolean isDone(JobClient job) {
        try {
            return job.getJobStatus().get().isGloballyTerminalState();
        } catch (Exception e) {
            return true;
        }
    }

    private static JobClient submit(PairingJobConfig config) throws Exception {
        Configuration noRestarts = new Configuration();
        noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(noRestarts);
        env.setParallelism(2);
        new PairingJob(config).build(env);
        return env.executeAsync("operator-managed topics");
    }

    private static void createOperatorTopics(Map<String, String> rawConfig, String raw, String... outputs)
            throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        topics.add(new NewTopic(raw, 1, (short) 1).configs(rawConfig));
        for (String output : outputs) {
            topics.add(new NewTopic(output, 1, (short) 1));
        }
        try (Admin admin = KAFKA.admin()) {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
            TopicContract.awaitLeaders(admin, topics.stream().map(NewTopic::name).toList());
        }
    }

    /**
     * The largest value of a one-record batch the broker takes under this limit: the 61-byte batch
     * header, then the record (attributes, zero timestamp and offset deltas, key, value, no headers)
     * behind its varint length.
     */
    static int largestValue(int limit, int keyLength) {
        int value = limit;
        while (true) {
            int body = 3 + varint(keyLength) + keyLength + varint(value) + value + 1;
            if (61 + varint(body) + body <= limit) {
                return value;
            }
            value--;
        }
    }

    private static int varint(int value) {
        int zigzag = value << 1;
        int size = 1;
        while ((zigzag & 0xffffff80) != 0) {
            size++;
            zigzag >>>= 7;
        }
        return size;
    }

    private static void produce(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(RAW_LIMIT + 1024));
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            List<Future<?>> acks = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> record : records) {
                acks.add(producer.send(record));
            }
            for (Future<?> ack : acks) {
                ack.get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static ConsumerRecord<byte[], byte[]> letter(List<ConsumerRecord<byte[], byte[]>> letters, String key) {
        return letters.stream().filter(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(key))
                .findFirst().orElseThrow(() -> new AssertionError("no dead letter keyed " + key));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
