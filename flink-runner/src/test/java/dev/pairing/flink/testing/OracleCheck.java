package dev.pairing.flink.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.PairingOracle;
import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.core.matching.UnpairedReason;
import dev.pairing.schemas.avro.NumberPair;
import dev.pairing.schemas.avro.UnpairedNumber;
import dev.pairing.schemas.codec.ComplementClassKey;
import dev.pairing.schemas.codec.OutputCodec;
import dev.pairing.schemas.codec.OutputEncoding;
import dev.pairing.schemas.codec.OutputReader;
import dev.pairing.schemas.registry.SchemaRegistryClient;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.schemas.deadletter.DeadLetter;
import dev.pairing.schemas.deadletter.DeadLetterFit;
import dev.pairing.schemas.deadletter.DeadLetterHeaders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * What the job must have written for a raw topic, by the core's in-memory oracle fed the raw records
 * in partition order (a class lives in one partition, so that is each class's order), and the
 * checks of the three output topics against it, record by record and byte for byte.
 */
public final class OracleCheck {

    private final int pairSum;
    private final PairingRules rules;
    private final PairingOracle oracle;
    private final Map<String, ConsumerRecord<byte[], byte[]>> rawByPlace = new HashMap<>();
    private final int rawCount;
    private final OutputEncoding output;
    private final OutputReader outputs;

    /** @param expireAt event time to expire at after the last record (the clock ticks' time), or -1 */
    public OracleCheck(int pairSum, PendingLimits limits, List<ConsumerRecord<byte[], byte[]>> raw, long expireAt) {
        this(pairSum, limits, raw, expireAt, OutputEncoding.SINGLE_OBJECT, null);
    }

    /**
     * @param output   how the engines were told to write pairs and unpaired records
     * @param registry the registry of Confluent-framed outputs, or null
     */
    public OracleCheck(int pairSum, PendingLimits limits, List<ConsumerRecord<byte[], byte[]>> raw, long expireAt,
            OutputEncoding output, SchemaRegistryClient registry) {
        this.output = output;
        this.outputs = new OutputReader(registry);
        this.pairSum = pairSum;
        this.rules = new PairingRules(pairSum);
        this.oracle = new PairingOracle(rules, limits);
        RawValueCodec codec = new RawValueCodec();
        for (ConsumerRecord<byte[], byte[]> record : raw) {
            rawByPlace.put(place(record.partition(), record.offset()), record);
            oracle.accept(codec.decode(record.value()), record.partition(), record.offset(), record.timestamp());
        }
        if (expireAt >= 0) {
            oracle.expireAll(expireAt);
        }
        this.rawCount = raw.size();
    }

    public PairingOracle oracle() {
        return oracle;
    }

    public int expectedEnriched() {
        return oracle.pairs().size();
    }

    public int expectedUnpaired() {
        return oracle.unpaired().size();
    }

    public int expectedDeadLetters() {
        return oracle.rejections().size();
    }

    /** Every raw record in exactly one place: a pair, the DLQ, the unpaired topic, or still pending. */
    public void assertLedger(int enriched, int deadLetters, int unpaired) {
        assertThat(2L * enriched + deadLetters + unpaired + oracle.pendingCount())
                .as("pair members + dead letters + unpaired + pending").isEqualTo(rawCount);
    }

    public void assertEnriched(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<Integer, List<Pair>> actual = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            assertThat(record.headers().toArray()).as("enriched records carry no headers").isEmpty();
            NumberPair avro = outputs.pair(record.value());
            Pair pair = new Pair(OutputCodec.fromAvro(avro.getFirst()), OutputCodec.fromAvro(avro.getSecond()));
            assertThat(record.value()).isEqualTo(output.encode(pair, pairSum));
            assertThat(record.timestamp()).isEqualTo(pair.second().timestamp());
            assertThat(record.key()).isEqualTo(ComplementClassKey.encode(rules.complementClass(pair.low())));
            actual.computeIfAbsent(ComplementClassKey.decode(record.key()), c -> new ArrayList<>()).add(pair);
        }
        Map<Integer, List<Pair>> expected = new TreeMap<>();
        for (Pair pair : oracle.pairs()) {
            expected.computeIfAbsent(rules.complementClass(pair.low()), c -> new ArrayList<>()).add(pair);
        }
        assertThat(actual).as("pairs per complement class, in order").isEqualTo(expected);
    }

    public void assertUnpaired(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<Integer, List<Unpaired>> actual = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            assertThat(record.headers().toArray()).isEmpty();
            UnpairedNumber avro = outputs.unpaired(record.value());
            Unpaired unpaired = new Unpaired(OutputCodec.fromAvro(avro.getEvent()),
                    UnpairedReason.valueOf(avro.getReason().name()));
            assertThat(record.value()).isEqualTo(output.encode(unpaired, pairSum));
            assertThat(record.timestamp()).isEqualTo(unpaired.event().timestamp());
            actual.computeIfAbsent(ComplementClassKey.decode(record.key()), c -> new ArrayList<>()).add(unpaired);
        }
        Map<Integer, List<Unpaired>> expected = new TreeMap<>();
        for (Unpaired unpaired : oracle.unpaired()) {
            expected.computeIfAbsent(rules.complementClass(unpaired.event().value()), c -> new ArrayList<>())
                    .add(unpaired);
        }
        assertThat(actual).as("unpaired per complement class, in order").isEqualTo(expected);
    }

    /** @return how many of the dead letters were truncated to fit their topic */
    public int assertDeadLetters(List<ConsumerRecord<byte[], byte[]>> records, String rawTopic) {
        int truncated = 0;
        List<String> actual = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            DeadLetter letter = DeadLetter.fromHeaders(name -> lastHeader(record, name));
            ConsumerRecord<byte[], byte[]> raw = rawByPlace.get(place(letter.partition(), letter.offset()));
            assertThat(raw).as("the raw record a dead letter names").isNotNull();
            assertThat(letter.topic()).isEqualTo(rawTopic);
            assertThat(record.key()).isEqualTo(raw.key());
            assertThat(record.timestamp()).isEqualTo(raw.timestamp());
            assertThat(letter.timestamp()).isEqualTo(raw.timestamp());
            if (lastHeader(record, DeadLetterHeaders.TRUNCATED) != null) {
                // cut to fit its topic: a prefix of the raw value, and the whole one's size and hash
                truncated++;
                assertThat(record.value()).isEqualTo(java.util.Arrays.copyOf(raw.value(), record.value().length));
                assertThat(new String(lastHeader(record, DeadLetterHeaders.ORIGINAL_SIZE)))
                        .isEqualTo(Integer.toString(raw.value().length));
                assertThat(new String(lastHeader(record, DeadLetterHeaders.ORIGINAL_SHA256)))
                        .isEqualTo(DeadLetterFit.sha256Hex(raw.value()));
                assertThat(headerNames(record)).containsExactly(DeadLetterHeaders.REASON, DeadLetterHeaders.DETAIL,
                        DeadLetterHeaders.TOPIC, DeadLetterHeaders.PARTITION, DeadLetterHeaders.OFFSET,
                        DeadLetterHeaders.TIMESTAMP, DeadLetterHeaders.TRUNCATED, DeadLetterHeaders.ORIGINAL_SIZE,
                        DeadLetterHeaders.ORIGINAL_SHA256);
            } else {
                assertThat(record.value()).isEqualTo(raw.value());
                assertThat(headerNames(record)).containsExactly(DeadLetterHeaders.REASON, DeadLetterHeaders.DETAIL,
                        DeadLetterHeaders.TOPIC, DeadLetterHeaders.PARTITION, DeadLetterHeaders.OFFSET,
                        DeadLetterHeaders.TIMESTAMP);
            }
            actual.add(letter.reason() + " " + letter.detail() + " @" + place(letter.partition(), letter.offset()));
        }
        List<String> expected = oracle.rejections().stream()
                .map(r -> r.reason() + " " + r.detail() + " @" + place(r.partition(), r.offset())).toList();
        assertThat(actual).as("dead letters, each raw record once").containsExactlyInAnyOrderElementsOf(expected);
        return truncated;
    }

    private static byte[] lastHeader(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : header.value();
    }

    private static List<String> headerNames(ConsumerRecord<byte[], byte[]> record) {
        List<String> names = new ArrayList<>();
        record.headers().forEach(h -> names.add(h.key()));
        return names;
    }

    private static String place(int partition, long offset) {
        return partition + ":" + offset;
    }
}
