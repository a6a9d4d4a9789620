package dev.pairing.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.validation.RejectReason;
import dev.pairing.kafka.topics.TopicContract;
import dev.pairing.runtime.PipelineSpec;
import dev.pairing.schemas.codec.ComplementClassKey;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.schemas.deadletter.DeadLetter;
import dev.pairing.testsupport.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance case on a real broker: a value as large as the broker accepts, an empty value and
 * a null value leave the application RUNNING and land on the dead-letter topic with their reasons.
 */
class BadRecordsIT {

    @RegisterExtension
    static final EmbeddedKafka kafka = new EmbeddedKafka();

    /**
     * About 1 MB: the largest value the broker's default limit (1,048,588 bytes per batch) takes in
     * a raw record. Its dead letter, with headers, is larger than that limit: it must still fit.
     */
    private static final int HUGE = 1_048_576 - 200;

    @Test
    void garbageEmptyAndNullValuesLandInTheDeadLetterTopicAndTheAppKeepsRunning(@TempDir Path dir) throws Exception {
        StreamsRunnerConfig config = StreamsRunnerFlags.parse("--bootstrapServers", kafka.bootstrapServers(),
                "--groupId", "bad-records-it", "--stateDir", dir.toString(), "--partitions", "2");
        PipelineSpec topics = config.pipeline();
        byte[] garbage = new byte[HUGE];
        new Random(7).nextBytes(garbage);

        try (PairingApp app = PairingApp.start(config)) {
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).as("reaches RUNNING").isTrue();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(largeRecordProducer())) {
                producer.send(new ProducerRecord<>(topics.rawTopic(), ComplementClassKey.encode(5),
                        RawValueCodec.encodeAvro(5, 1L, null))).get(30, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>(topics.rawTopic(), 0, 1_000L, "huge".getBytes(), garbage))
                        .get(30, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>(topics.rawTopic(), 0, 2_000L, "empty".getBytes(), new byte[0]))
                        .get(30, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>(topics.rawTopic(), 0, 3_000L, (byte[]) null, (byte[]) null)).get(30, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>(topics.rawTopic(), ComplementClassKey.encode(5),
                        RawValueCodec.encodeAvro(7, 2L, null))).get(30, TimeUnit.SECONDS);
            }

            List<ConsumerRecord<byte[], byte[]>> letters = kafka.awaitCommitted(topics.deadLetterTopic(),
                    records -> records.size() >= 3, Duration.ofSeconds(60));
            List<ConsumerRecord<byte[], byte[]>> pairs = kafka.awaitCommitted(topics.enrichedTopic(),
                    records -> !records.isEmpty(), Duration.ofSeconds(60));

            assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(letters).extracting(letter -> RecordedOutcome.deadLetter(letter).reason())
                    .containsExactlyInAnyOrder(RejectReason.TOO_LARGE, RejectReason.EMPTY_VALUE, RejectReason.NULL_VALUE);
            for (ConsumerRecord<byte[], byte[]> letter : letters) {
                DeadLetter why = RecordedOutcome.deadLetter(letter);
                assertThat(why.topic()).isEqualTo(topics.rawTopic());
                assertThat(why.partition()).isZero();
                switch (why.reason()) {
                    case TOO_LARGE -> {
                        assertThat(Arrays.equals(letter.value(), garbage)).as("the huge value, byte for byte").isTrue();
                        assertThat(letter.key()).isEqualTo("huge".getBytes());
                        assertThat(letter.timestamp()).isEqualTo(1_000L);
                    }
                    case EMPTY_VALUE -> assertThat(letter.value()).isEmpty();
                    case NULL_VALUE -> {
                        assertThat(letter.value()).isNull();
                        assertThat(letter.key()).isNull();
                    }
                    default -> throw new AssertionError("unexpected " + why);
                }
            }
            assertThat(pairs).as("records after the bad ones still pair").hasSize(1);
            assertThat(kafka.readCommitted(topics.deadLetterTopic())).hasSize(3);
        }
        assertCreatedTopics(config);
        assertLeftTheGroup("bad-records-it");
    }

    /** A clean close leaves the group, so a restarted instance need not wait out the old session. */
    private static void assertLeftTheGroup(String groupId) throws Exception {
        try (Admin admin = kafka.admin()) {
            var group = admin.describeConsumerGroups(List.of(groupId)).all().get(30, TimeUnit.SECONDS).get(groupId);
            assertThat(group.members()).as("members of %s after close", groupId).isEmpty();
        }
    }

    private static void assertCreatedTopics(StreamsRunnerConfig config) throws Exception {
        PipelineSpec topics = config.pipeline();
        Set<String> names = Set.of(topics.rawTopic(), topics.enrichedTopic(), topics.deadLetterTopic(),
                topics.unpairedTopic());
        try (Admin admin = kafka.admin()) {
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(described.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(2));
            ConfigResource deadLetters = new ConfigResource(ConfigResource.Type.TOPIC, topics.deadLetterTopic());
            Config dlq = admin.describeConfigs(List.of(deadLetters)).all().get(30, TimeUnit.SECONDS).get(deadLetters);
            assertThat(Integer.parseInt(dlq.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value()))
                    .isEqualTo(TopicContract.DEAD_LETTER_MAX_MESSAGE_BYTES);
        }
    }

    private static Properties largeRecordProducer() {
        Properties props = kafka.producerProperties();
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(2 * 1_048_576));
        return props;
    }
}
