package dev.pairing.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.PairingOracle;
import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.runtime.PipelineSpec;
import dev.pairing.schemas.avro.NumberPair;
import dev.pairing.schemas.codec.ComplementClassKey;
import dev.pairing.schemas.codec.OutputCodec;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.schemas.deadletter.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the runner committed to its three topics, read back with read_committed, and the checks
 * against the oracle fed the raw topic in partition order.
 */
record RecordedOutcome(List<ConsumerRecord<byte[], byte[]>> raw, List<ConsumerRecord<byte[], byte[]>> enriched,
        List<ConsumerRecord<byte[], byte[]>> deadLetters, List<ConsumerRecord<byte[], byte[]>> unpaired) {

    private static final HexFormat HEX = HexFormat.of();

    /** The oracle fed the raw records as they lie in the raw topic, partition by partition. */
    static PairingOracle oracle(PipelineSpec config, List<ConsumerRecord<byte[], byte[]>> raw) {
        PairingOracle oracle = new PairingOracle(config.rules(), config.limits());
        RawValueCodec codec = new RawValueCodec();
        for (ConsumerRecord<byte[], byte[]> record : raw) {
            oracle.accept(codec.decode(record.value()), record.partition(), record.offset(), record.timestamp());
        }
        return oracle;
    }

    /** Every outcome the oracle has, class by class in decision order, exactly once, and nothing more. */
    void assertEquals(PipelineSpec config, PairingOracle oracle) {
        Map<String, List<String>> expectedPairs = new TreeMap<>();
        for (Pair pair : oracle.pairs()) {
            expectedPairs.computeIfAbsent(classOf(config, pair.first().value()), c -> new ArrayList<>())
                    .add(HEX.formatHex(OutputCodec.encode(pair, config.pairSum())));
        }
        Map<String, List<String>> expectedUnpaired = new TreeMap<>();
        for (Unpaired unpaired : oracle.unpaired()) {
            expectedUnpaired.computeIfAbsent(classOf(config, unpaired.event().value()), c -> new ArrayList<>())
                    .add(HEX.formatHex(OutputCodec.encode(unpaired, config.pairSum())));
        }
        assertThat(byClass(enriched)).as("pairs per class, in order").isEqualTo(expectedPairs);
        assertThat(byClass(unpaired)).as("unpaired per class, in order").isEqualTo(expectedUnpaired);
        assertThat(deadLetterPlaces()).as("dead letters").containsExactlyElementsOf(oracle.rejections().stream()
                .sorted(java.util.Comparator.comparingInt(PairingOracle.Rejection::partition)
                        .thenComparingLong(PairingOracle.Rejection::offset))
                .map(r -> new DeadLetter(r.reason(), r.detail(), config.rawTopic(), r.partition(), r.offset(),
                        rawAt(r.partition(), r.offset()).timestamp()))
                .toList());
    }

    /** Output records carry the contract's keys and timestamps, and dead letters the raw bytes. */
    void assertRecordShapes(PipelineSpec config) {
        for (ConsumerRecord<byte[], byte[]> record : enriched) {
            NumberPair pair = OutputCodec.decodePair(record.value());
            assertThat(record.key()).isEqualTo(ComplementClassKey.encode(config.rules().complementClass(pair.getLow())));
            assertThat(record.timestamp()).isEqualTo(pair.getSecond().getTimestamp());
            assertThat(record.headers().toArray()).isEmpty();
        }
        for (ConsumerRecord<byte[], byte[]> record : unpaired) {
            assertThat(record.timestamp()).isEqualTo(OutputCodec.decodeUnpaired(record.value()).getEvent().getTimestamp());
        }
        for (ConsumerRecord<byte[], byte[]> letter : deadLetters) {
            DeadLetter place = deadLetter(letter);
            ConsumerRecord<byte[], byte[]> original = rawAt(place.partition(), place.offset());
            assertThat(letter.key()).isEqualTo(original.key());
            assertThat(letter.value()).isEqualTo(original.value());
            assertThat(letter.timestamp()).isEqualTo(original.timestamp());
        }
    }

    /** Each raw record in exactly one place: a pair (twice per pair), a dead letter, unpaired, or pending. */
    void assertLedger(long pending) {
        assertThat(2L * enriched.size() + deadLetters.size() + unpaired.size() + pending)
                .as("ledger of " + raw.size() + " raw records").isEqualTo(raw.size());
    }

    List<DeadLetter> deadLetterPlaces() {
        return deadLetters.stream().map(RecordedOutcome::deadLetter)
                .sorted(java.util.Comparator.comparingInt(DeadLetter::partition).thenComparingLong(DeadLetter::offset))
                .toList();
    }

    ConsumerRecord<byte[], byte[]> rawAt(int partition, long offset) {
        return raw.stream().filter(r -> r.partition() == partition && r.offset() == offset).findFirst()
                .orElseThrow(() -> new AssertionError("no raw record at " + partition + "/" + offset));
    }

    static DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> letter) {
        return DeadLetter.fromHeaders(name -> {
            var header = letter.headers().lastHeader(name);
            return header == null ? null : header.value();
        });
    }

    private static Map<String, List<String>> byClass(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, List<String>> byClass = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            byClass.computeIfAbsent(new String(record.key(), StandardCharsets.US_ASCII), c -> new ArrayList<>())
                    .add(HEX.formatHex(record.value()));
        }
        return byClass;
    }

    private static String classOf(PipelineSpec config, long value) {
        return Integer.toString(config.rules().complementClass(value));
    }

    static Map<String, Long> counts(RecordedOutcome outcome) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("raw", (long) outcome.raw.size());
        counts.put("pairs", (long) outcome.enriched.size());
        counts.put("deadLetters", (long) outcome.deadLetters.size());
        counts.put("unpaired", (long) outcome.unpaired.size());
        return counts;
    }
}
