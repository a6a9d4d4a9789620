package dev.pairing.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.core.validation.RejectReason;
import dev.pairing.schemas.deadletter.DeadLetter;
import dev.pairing.schemas.deadletter.DeadLetterFit;
import dev.pairing.schemas.deadletter.RecordSize;
import dev.pairing.testsupport.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import dev.pairing.kafka.topics.TopicContract;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link DeadLetterFit}'s size accounting against a real broker and a real producer, on a topic at
 * the broker's default limit: the largest value it keeps whole is accepted, one byte more is cut
 * (and the cut record accepted too), and the accounting is no more than 15 bytes conservative; on a
 * topic that compresses, a cut dead letter of incompressible bytes is accepted however the producer
 * compresses ({@link TopicContract#deadLetterLimit} leaves room for what compression adds).
 */
class DeadLetterSizeIT {

    @RegisterExtension
    static final EmbeddedKafka kafka = new EmbeddedKafka();

    private static final int LIMIT = 1_048_588;
    private static final byte[] KEY = "key".getBytes(StandardCharsets.UTF_8);
    private static final DeadLetter LETTER = new DeadLetter(RejectReason.TOO_LARGE, "detail", "raw-topic", 0, 42, 7L);

    @Test
    void theLargestWholeDeadLetterIsAcceptedAndOneByteMoreIsCutToAnAcceptedOne() throws Exception {
        kafka.createTopics(1, "fit");
        int largest = largestWhole();
        try (KafkaProducer<byte[], byte[]> roomy = producer(2 * LIMIT)) {
            DeadLetterFit.Fitted whole = DeadLetterFit.fit(KEY, new byte[largest], LETTER, LIMIT);
            assertThat(whole.truncated()).isFalse();
            send(roomy, whole.key(), whole.value(), whole.headers());

            DeadLetterFit.Fitted cut = DeadLetterFit.fit(KEY, new byte[largest + 1], LETTER, LIMIT);
            assertThat(cut.truncated()).isTrue();
            send(roomy, cut.key(), cut.value(), cut.headers());

            // the broker counts the exact record: 15 bytes of the estimate's worst-case overhead are spare
            send(roomy, KEY, new byte[largest + 15], LETTER.headers());
            assertThatThrownBy(() -> send(roomy, KEY, new byte[largest + 16], LETTER.headers()))
                    .hasCauseInstanceOf(RecordTooLargeException.class);
        }
        try (KafkaProducer<byte[], byte[]> exact = producer(LIMIT)) {
            // with max.request.size as the limit, the producer's own check agrees to the byte
            send(exact, KEY, new byte[largest], LETTER.headers());
            assertThatThrownBy(() -> send(exact, KEY, new byte[largest + 1], LETTER.headers()))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(RecordTooLargeException.class);
        }
    }

    @ParameterizedTest(name = "producer compression.type={0}")
    @ValueSource(strings = {"lz4", "none", "zstd"})
    void onAnLz4TopicACutDeadLetterOfRandomBytesIsAcceptedHoweverTheProducerCompresses(String producerCompression)
            throws Exception {
        String topic = "fit-lz4-" + producerCompression;
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of(TopicConfig.COMPRESSION_TYPE_CONFIG, "lz4")))).all().get(60, TimeUnit.SECONDS);
            TopicContract.awaitLeaders(admin, List.of(topic));
            byte[] random = new byte[2 * 1024 * 1024];
            new Random(27).nextBytes(random); // incompressible: lz4 makes it larger, not smaller
            Properties props = kafka.producerProperties();
            props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, producerCompression);
            props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(2 * LIMIT));
            int limit = TopicContract.deadLetterLimit(admin, topic, 2 * LIMIT, producerCompression);

            DeadLetterFit.Fitted cut = DeadLetterFit.fit(KEY, random, LETTER, limit);

            assertThat(cut.truncated()).isTrue();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
                List<Header> headers = cut.headers().stream().<Header>map(h -> new RecordHeader(h.name(), h.value())).toList();
                producer.send(new ProducerRecord<>(topic, 0, null, cut.key(), cut.value(), headers))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static int largestWhole() {
        int value = LIMIT;
        while (RecordSize.of(KEY, new byte[value], LETTER.headers()) > LIMIT) {
            value--;
        }
        return value;
    }

    private static KafkaProducer<byte[], byte[]> producer(int maxRequestSize) {
        Properties props = kafka.producerProperties();
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(maxRequestSize));
        return new KafkaProducer<>(props);
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, byte[] key, byte[] value,
            List<DeadLetter.Header> headers) throws Exception {
        List<Header> kafkaHeaders = headers.stream().<Header>map(h -> new RecordHeader(h.name(), h.value())).toList();
        producer.send(new ProducerRecord<>("fit", 0, null, key, value, kafkaHeaders)).get(30, TimeUnit.SECONDS);
    }
}
