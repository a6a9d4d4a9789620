package dev.pairing.schemas.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.core.validation.RejectReason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.AbstractRecords;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Test;

class DeadLetterFitTest {

    private static final int LIMIT = 1_048_588;
    private static final DeadLetter LETTER = new DeadLetter(RejectReason.TOO_LARGE,
            "1048000 bytes; a number record is at most 1024", "raw-topic", 2, 123_456, 1_700_000_000_000L);
    private static final byte[] KEY = "big".getBytes(StandardCharsets.UTF_8);

    @Test
    void recordSizeIsWhatTheProducerEstimates() {
        Random random = new Random(3);
        int[] lengths = {-1, 0, 1, 63, 64, 8_191, 8_192, 1_048_575, 1_048_576, 5 * 1_048_576};
        for (int keyLength : new int[] {-1, 0, 3, 64, 9_000}) {
            for (int valueLength : lengths) {
                byte[] key = bytes(random, keyLength);
                byte[] value = bytes(random, valueLength);
                List<DeadLetter.Header> headers = LETTER.headers();
                assertThat(RecordSize.of(key, value, headers)).as("key %d value %d", keyLength, valueLength)
                        .isEqualTo(kafkasEstimate(key, value, headers));
                assertThat(RecordSize.of(key, value, List.of())).isEqualTo(kafkasEstimate(key, value, List.of()));
            }
        }
    }

    @Test
    void aDeadLetterThatFitsIsWrittenAsItIs() {
        byte[] value = new byte[1_000];
        DeadLetterFit.Fitted fitted = DeadLetterFit.fit(KEY, value, LETTER, LIMIT);
        assertThat(fitted.key()).isSameAs(KEY);
        assertThat(fitted.value()).isSameAs(value);
        assertThat(fitted.headers()).usingRecursiveComparison().isEqualTo(LETTER.headers());
        assertThat(fitted.truncated()).isFalse();
    }

    @Test
    void theLargestValueThatFitsIsKeptWholeAndOneByteMoreIsCut() {
        int largest = largestWhole(KEY, LIMIT);
        byte[] whole = new byte[largest];
        new Random(5).nextBytes(whole);
        assertThat(RecordSize.of(KEY, whole, LETTER.headers())).isLessThanOrEqualTo(LIMIT);
        assertThat(DeadLetterFit.fit(KEY, whole, LETTER, LIMIT).value()).isSameAs(whole);

        byte[] oneMore = Arrays.copyOf(whole, largest + 1);
        DeadLetterFit.Fitted cut = DeadLetterFit.fit(KEY, oneMore, LETTER, LIMIT);
        assertThat(cut.truncated()).isTrue();
        assertThat(cut.key()).isEqualTo(KEY);
        assertThat(cut.value()).isEqualTo(Arrays.copyOf(oneMore, cut.value().length));
        assertThat(RecordSize.of(cut.key(), cut.value(), cut.headers())).as("fits").isLessThanOrEqualTo(LIMIT);
        assertThat(RecordSize.of(cut.key(), Arrays.copyOf(oneMore, cut.value().length + 1), cut.headers()))
                .as("keeps every byte that fits").isGreaterThan(LIMIT);
    }

    @Test
    void aTruncatedDeadLetterSaysSoAndDescribesTheWholeValue() {
        byte[] value = new byte[3 * LIMIT];
        new Random(9).nextBytes(value);
        DeadLetterFit.Fitted cut = DeadLetterFit.fit(KEY, value, LETTER, LIMIT);

        assertThat(cut.headers()).extracting(DeadLetter.Header::name).containsExactly(
                DeadLetterHeaders.REASON, DeadLetterHeaders.DETAIL, DeadLetterHeaders.TOPIC,
                DeadLetterHeaders.PARTITION, DeadLetterHeaders.OFFSET, DeadLetterHeaders.TIMESTAMP,
                DeadLetterHeaders.TRUNCATED, DeadLetterHeaders.ORIGINAL_SIZE, DeadLetterHeaders.ORIGINAL_SHA256);
        assertThat(text(cut, DeadLetterHeaders.TRUNCATED)).isEqualTo("true");
        assertThat(text(cut, DeadLetterHeaders.ORIGINAL_SIZE)).isEqualTo(Integer.toString(value.length));
        assertThat(text(cut, DeadLetterHeaders.ORIGINAL_SHA256)).isEqualTo(DeadLetterFit.sha256Hex(value))
                .hasSize(64).matches("[0-9a-f]+");
        assertThat(DeadLetter.fromHeaders(name -> last(cut, name))).isEqualTo(LETTER);
        assertThat(cut.value().length).isBetween(LIMIT - 1_000, LIMIT);
    }

    @Test
    void theSameInputAlwaysGivesTheSameBytes() {
        byte[] value = new byte[2 * LIMIT];
        new Random(1).nextBytes(value);
        DeadLetterFit.Fitted a = DeadLetterFit.fit(KEY, value, LETTER, 70_000);
        DeadLetterFit.Fitted b = DeadLetterFit.fit(KEY.clone(), value.clone(), LETTER, 70_000);
        assertThat(a.value()).isEqualTo(b.value());
        assertThat(a.headers()).usingRecursiveComparison().isEqualTo(b.headers());
    }

    @Test
    void aKeyThatDoesNotFitIsReplacedByItsHashAndTheValueByNothing() {
        byte[] key = new byte[20_000];
        new Random(2).nextBytes(key);
        byte[] value = "garbage".getBytes(StandardCharsets.UTF_8);
        DeadLetterFit.Fitted cut = DeadLetterFit.fit(key, value, LETTER, 10_000);

        assertThat(cut.key()).isNull();
        assertThat(text(cut, DeadLetterHeaders.ORIGINAL_KEY_SHA256)).isEqualTo(DeadLetterFit.sha256Hex(key));
        assertThat(text(cut, DeadLetterHeaders.ORIGINAL_SHA256)).isEqualTo(DeadLetterFit.sha256Hex(value));
        assertThat(cut.value()).isEqualTo(value).as("the small value still fits once the key is gone");
        assertThat(RecordSize.of(cut.key(), cut.value(), cut.headers())).isLessThanOrEqualTo(10_000);
    }

    @Test
    void aNullValueStaysNullWhenOnlyTheKeyIsTooLarge() {
        DeadLetterFit.Fitted cut = DeadLetterFit.fit(new byte[9_000], null, LETTER, DeadLetterFit.MINIMUM_LIMIT);
        assertThat(cut.value()).isNull();
        assertThat(cut.key()).isNull();
        assertThat(cut.headers()).extracting(DeadLetter.Header::name)
                .contains(DeadLetterHeaders.TRUNCATED, DeadLetterHeaders.ORIGINAL_KEY_SHA256)
                .doesNotContain(DeadLetterHeaders.ORIGINAL_SIZE, DeadLetterHeaders.ORIGINAL_SHA256);
    }

    @Test
    void nullAndEmptyValuesFitUntouched() {
        assertThat(DeadLetterFit.fit(null, null, LETTER, DeadLetterFit.MINIMUM_LIMIT).truncated()).isFalse();
        assertThat(DeadLetterFit.fit(KEY, new byte[0], LETTER, DeadLetterFit.MINIMUM_LIMIT).value()).isEmpty();
    }

    @Test
    void aLimitTooSmallForTheHeadersIsRefused() {
        assertThatThrownBy(() -> DeadLetterFit.fit(KEY, new byte[10], LETTER, DeadLetterFit.MINIMUM_LIMIT - 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minimum");
    }

    @Test
    void headerTextsOfAnyLengthAndANullKeyStillFitTheSmallestLimit() {
        // Avro's messages, a topic name at Kafka's 249 characters: the texts come from outside
        String detail = "unreadable: " + "x".repeat(100_000);
        String topic = "t".repeat(249);
        DeadLetter letter = new DeadLetter(RejectReason.MALFORMED_AVRO, detail, topic, 0, 1, 2);
        byte[] value = new byte[10_000];

        DeadLetterFit.Fitted fitted = DeadLetterFit.fit(null, value, letter, DeadLetterFit.MINIMUM_LIMIT);

        assertThat(RecordSize.of(fitted.key(), fitted.value(), fitted.headers()))
                .isLessThanOrEqualTo(DeadLetterFit.MINIMUM_LIMIT);
        assertThat(fitted.key()).isNull();
        assertThat(fitted.headers()).extracting(DeadLetter.Header::name).doesNotContain(DeadLetterHeaders.ORIGINAL_KEY_SHA256);
        String kept = new String(fitted.headers().get(1).value(), StandardCharsets.UTF_8);
        assertThat(kept).startsWith("unreadable: xxx").hasSizeLessThan(detail.length());
    }

    @Test
    void theHashIsLowerCaseHex() {
        assertThat(DeadLetterFit.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(HexFormat.of().parseHex(DeadLetterFit.sha256Hex(new byte[0]))).hasSize(32);
    }

    /** The largest value kept whole, found by Kafka's own estimate rather than ours. */
    private static int largestWhole(byte[] key, int limit) {
        int value = limit;
        while (kafkasEstimate(key, new byte[value], LETTER.headers()) > limit) {
            value--;
        }
        return value;
    }

    private static int kafkasEstimate(byte[] key, byte[] value, List<DeadLetter.Header> headers) {
        Header[] kafkaHeaders = headers.stream().map(h -> new RecordHeader(h.name(), h.value())).toArray(Header[]::new);
        // what KafkaProducer.doSend compares with max.request.size
        return AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.MAGIC_VALUE_V2, CompressionType.NONE,
                key == null ? null : ByteBuffer.wrap(key), value == null ? null : ByteBuffer.wrap(value), kafkaHeaders);
    }

    private static byte[] bytes(Random random, int length) {
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String text(DeadLetterFit.Fitted fitted, String name) {
        byte[] value = last(fitted, name);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static byte[] last(DeadLetterFit.Fitted fitted, String name) {
        byte[] found = null;
        for (DeadLetter.Header header : fitted.headers()) {
            if (header.name().equals(name)) {
                found = header.value();
            }
        }
        return found;
    }
}
