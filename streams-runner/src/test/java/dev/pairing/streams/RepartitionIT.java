package dev.pairing.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.PairingOracle;
import dev.pairing.core.PairingRules;
import dev.pairing.core.validation.Decoded;
import dev.pairing.producer.NumberStream;
import dev.pairing.runtime.PipelineSpec;
import dev.pairing.schemas.avro.NumberPair;
import dev.pairing.schemas.avro.SourceEvent;
import dev.pairing.schemas.codec.OutputCodec;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.testsupport.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Raw records not keyed by class, so every class is spread over all raw partitions: the
 * repartition by class must bring each class to one task. With {@code --inputKeyedByClass true}
 * (what the demo runs, and what a user typing numbers into {@code kafka-console-producer} meets)
 * the runner must notice the records that sit outside their class's partition and bring just those
 * to their class's task. Arrival order across partitions is
 * not fixed, so which numbers pair is not either; what is fixed is checked: every dead letter,
 * how many pairs each class makes (without limits, the smaller of its two sides), that each pair
 * is two real raw records that sum to pairSum, and that no raw record is used twice.
 */
class RepartitionIT {

    @RegisterExtension
    static final EmbeddedKafka kafka = new EmbeddedKafka();

    private static final int RECORDS = 10_000;

    @ParameterizedTest(name = "inputKeyedByClass={0}")
    @ValueSource(booleans = {false, true})
    void classesSpreadOverPartitionsStillPairCompletely(boolean inputKeyedByClass, @TempDir Path dir) throws Exception {
        String name = "repartition-it-" + inputKeyedByClass;
        StreamsRunnerConfig config = StreamsRunnerFlags.parse("--bootstrapServers", kafka.bootstrapServers(),
                "--groupId", name, "--stateDir", dir.toString(), "--partitions", "3",
                "--inputKeyedByClass", Boolean.toString(inputKeyedByClass), "--rawTopic", name + "-raw",
                "--enrichedTopic", name + "-enriched", "--DLQ", name + "-dlq", "--unpairedTopic", name + "-unpaired");
        PipelineSpec pairing = config.pipeline();
        PairingRules rules = pairing.rules();
        NumberStream stream = new NumberStream(pairing.pairSum(), 0.1, NumberStream.Format.TEXT, 7);
        long start = System.currentTimeMillis();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            // no key, and partitions taken in turn: every class lands on every partition
            records.add(new ProducerRecord<>(pairing.rawTopic(), i % config.pipeline().topicPolicy().partitions(), start + i, null,
                    stream.next(start + i).value()));
        }

        RecordedOutcome outcome;
        PairingOracle oracle;
        long[] counts = new long[pairing.pairSum() + 1];
        try (PairingApp app = PairingApp.start(config)) {
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
            kafka.produce(records);
            List<ConsumerRecord<byte[], byte[]>> raw = kafka.readCommitted(pairing.rawTopic());
            assertThat(raw).hasSize(RECORDS);
            assertThat(raw).extracting(ConsumerRecord::partition).as("spread over partitions").contains(0, 1, 2);
            oracle = RecordedOutcome.oracle(pairing, raw);
            RawValueCodec codec = new RawValueCodec();
            for (ConsumerRecord<byte[], byte[]> record : raw) {
                if (codec.decode(record.value()) instanceof Decoded.Number n && rules.inRange(n.value())) {
                    counts[(int) n.value()]++;
                }
            }
            long expectedPairs = expectedPairs(rules, counts);
            kafka.awaitCommitted(pairing.deadLetterTopic(), r -> r.size() >= oracle.rejections().size(),
                    Duration.ofSeconds(90));
            kafka.awaitCommitted(pairing.enrichedTopic(), r -> r.size() >= expectedPairs, Duration.ofSeconds(90));
            outcome = new RecordedOutcome(raw, kafka.readCommitted(pairing.enrichedTopic()),
                    kafka.readCommitted(pairing.deadLetterTopic()), kafka.readCommitted(pairing.unpairedTopic()));
        }

        assertThat(outcome.enriched()).hasSize((int) expectedPairs(rules, counts));
        assertThat(outcome.unpaired()).as("no limits, nothing leaves unpaired").isEmpty();
        assertThat(outcome.deadLetterPlaces()).hasSameSizeAs(oracle.rejections()).containsExactlyInAnyOrderElementsOf(
                oracle.rejections().stream().map(r -> new dev.pairing.schemas.deadletter.DeadLetter(r.reason(),
                        r.detail(), pairing.rawTopic(), r.partition(), r.offset(),
                        outcome.rawAt(r.partition(), r.offset()).timestamp())).toList());
        outcome.assertRecordShapes(pairing);
        Set<String> used = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : outcome.enriched()) {
            NumberPair pair = OutputCodec.decodePair(record.value());
            assertThat(pair.getLow() + pair.getHigh()).isEqualTo(pairing.pairSum());
            assertThat(pair.getFirst().getValue() + pair.getSecond().getValue()).isEqualTo(pairing.pairSum());
            for (SourceEvent event : List.of(pair.getFirst(), pair.getSecond())) {
                ConsumerRecord<byte[], byte[]> source = outcome.rawAt(event.getPartition(), (long) event.getOffset());
                assertThat(source.timestamp()).isEqualTo(event.getTimestamp());
                assertThat(new RawValueCodec().decode(source.value())).isEqualTo(Decoded.number(event.getValue(), null));
                assertThat(used.add(event.getPartition() + "/" + event.getOffset())).as("used once").isTrue();
            }
        }
        outcome.assertLedger(pending(rules, counts));
    }

    /** Without limits, a class pairs as often as its smaller side has numbers (the middle: half of them). */
    private static long expectedPairs(PairingRules rules, long[] counts) {
        long pairs = 0;
        for (int low = 0; low < rules.classCount(); low++) {
            int high = rules.pairSum() - low;
            pairs += low == high ? counts[low] / 2 : Math.min(counts[low], counts[high]);
        }
        return pairs;
    }

    private static long pending(PairingRules rules, long[] counts) {
        long pending = 0;
        for (int low = 0; low < rules.classCount(); low++) {
            int high = rules.pairSum() - low;
            pending += low == high ? counts[low] % 2 : Math.abs(counts[low] - counts[high]);
        }
        return pending;
    }
}
