package dev.pairing.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pairing.kafka.CommittedTopicReader;
import dev.pairing.launcher.flink.FlinkJob;
import dev.pairing.launcher.kafka.LocalKafka;
import dev.pairing.schemas.avro.NumberPair;
import dev.pairing.schemas.codec.ComplementClassKey;
import dev.pairing.schemas.codec.OutputCodec;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.schemas.deadletter.DeadLetter;
import dev.pairing.schemas.deadletter.DeadLetterFit;
import dev.pairing.schemas.deadletter.DeadLetterHeaders;
import dev.pairing.streams.PairingApp;
import dev.pairing.streams.StreamsRunnerFlags;
import dev.pairing.testsupport.HostileCorpus.Hostile;
import dev.pairing.testsupport.HostileCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad record in the shared corpus (42: empty, null, 1 MB, non-UTF-8, Avro of unknown
 * or other schemas, truncated Avro, 7.5, -1, 13, 2^63, whitespace, 0x0C, ...), each between a 5
 * and a 7, on a real broker, read by both engines from the same raw topic: the Streams application
 * and the Flink job on the session cluster. Each bad record lands on the dead-letter topic exactly
 * once with the right reason and its bytes intact, every 5 pairs with its 7, and neither engine
 * stops, restarts or replaces a thread.
 */
class HostileInputIT {

    @RegisterExtension
    static final ChaosStack stack = new ChaosStack();

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final byte[] FIVES_AND_SEVENS = ComplementClassKey.encode(5);

    /** A raw record's place, as the dead letter names it. */
    record Place(int partition, long offset) {}

    @Test
    void eachBadRecordIsDeadLetteredOnceWithItsReasonAndTheNumbersAroundItPair(@TempDir Path stateDir) throws Exception {
        drill("hostile", true, stateDir);
    }

    /**
     * Output topics an operator created with the broker's defaults (no room over 1 MB for the
     * dead-letter headers), the raw topic raised for 1 MB records: the 1 MB records' dead letters
     * are cut to fit, say so, and carry their original's hash; nothing else changes.
     */
    @Test
    void operatorCreatedTopicsWithDefaultLimits(@TempDir Path stateDir) throws Exception {
        drill("hostile-defaults", false, stateDir);
    }

    private void drill(String name, boolean deadLetterHeadroom, Path stateDir) throws Exception {
        LocalKafka kafka = stack.kafka();
        Pipeline streams = Pipeline.named(name + "-streams");
        Pipeline onFlink = streams.sameInput(name + "-flink");
        Properties client = Drill.client(kafka);
        streams.create(client, deadLetterHeadroom);
        onFlink.create(client, deadLetterHeadroom);
        List<Hostile> corpus = HostileCorpus.all();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(30);

        Map<Place, Hostile> placed;
        List<Place> fives = new ArrayList<>();
        List<Place> sevens = new ArrayList<>();
        FlinkJob job = FlinkJob.submit(stack.flink(), onFlink.flinkJob(kafka.bootstrapServers())).awaitRunning(PATIENCE);
        List<String> streamsFlags = streams.streamsFlags(kafka.bootstrapServers(), stateDir).toArgs();
        try (PairingApp app = PairingApp.start(StreamsRunnerFlags.parse(streamsFlags.toArray(String[]::new)));
                Outputs streamsOut = new Outputs(client, streams);
                Outputs flinkOut = new Outputs(client, onFlink)) {
            awaitRunning(app);
            Set<String> threads = threadNames(app);

            placed = produce(kafka, streams.raw(), corpus, fives, sevens);

            Expected expected = new Expected(3L * corpus.size(), corpus.size(), corpus.size(), 0, 0);
            streamsOut.awaitComplete(expected, PATIENCE,
                    () -> app.state() == KafkaStreams.State.RUNNING ? null : "the Streams app is " + app.state());
            flinkOut.awaitComplete(expected, PATIENCE, () -> job.failure().orElse(null));

            assertThat(app.state()).as("the Streams app never stopped").isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(threadNames(app)).as("no stream thread replaced").isEqualTo(threads);
            assertThat(job.lastRestart()).as("the Flink job never restarted").isZero();
            assertThat(job.hasFailed()).as("the Flink job never failed").isFalse();
            assertThat(job.failure()).as("the Flink job still runs").isEmpty();
        } finally {
            job.cancel();
        }

        for (Pipeline pipeline : List.of(streams, onFlink)) {
            long truncated = assertDeadLetters(kafka, pipeline, placed);
            assertThat(truncated).as(pipeline.group() + ": dead letters cut to fit")
                    .isEqualTo(deadLetterHeadroom ? 0 : corpus.stream().filter(bad -> bad.value() != null
                            && bad.value().length >= 1 << 20).count());
            assertPairs(kafka, pipeline, fives, sevens);
            Verification.assertExact(client, pipeline, Expected.fromRawTopic(kafka.bootstrapServers(), streams.raw(), client));
        }
    }

    /** For each bad record: a 5, the bad record, a 7, in this order, each acknowledged before the next. */
    private static Map<Place, Hostile> produce(LocalKafka kafka, String topic, List<Hostile> corpus, List<Place> fives,
            List<Place> sevens) throws Exception {
        Properties props = Drill.client(kafka);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(Pipeline.LARGE_RECORDS));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        Map<Place, Hostile> placed = new HashMap<>();
        // now, not a fixed date: output records keep raw timestamps, and the broker's time-based
        // retention would delete records years old within minutes
        long timestamp = System.currentTimeMillis();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < corpus.size(); i++) {
                Hostile bad = corpus.get(i);
                fives.add(send(producer, topic, timestamp++, FIVES_AND_SEVENS, RawValueCodec.encodeAvro(5, (long) i, null)));
                placed.put(send(producer, topic, timestamp++, bad.key(), bad.value()), bad);
                sevens.add(send(producer, topic, timestamp++, FIVES_AND_SEVENS, RawValueCodec.encodeText(7)));
            }
        }
        return placed;
    }

    private static Place send(KafkaProducer<byte[], byte[]> producer, String topic, long timestamp, byte[] key,
            byte[] value) throws Exception {
        RecordMetadata sent = producer.send(new ProducerRecord<>(topic, null, timestamp, key, value))
                .get(30, TimeUnit.SECONDS);
        return new Place(sent.partition(), sent.offset());
    }

    /** @return how many dead letters were cut to fit their topic */
    private static long assertDeadLetters(LocalKafka kafka, Pipeline pipeline, Map<Place, Hostile> placed) {
        long truncated = 0;
        List<ConsumerRecord<byte[], byte[]>> letters = CommittedTopicReader.readAllIfExists(kafka.bootstrapServers(),
                pipeline.deadLetters());
        Map<Place, Long> perPlace = letters.stream().map(HostileInputIT::deadLetter)
                .collect(Collectors.groupingBy(d -> new Place(d.partition(), d.offset()), Collectors.counting()));
        assertThat(perPlace).as(pipeline.group() + ": one dead letter per bad record, no other")
                .isEqualTo(placed.keySet().stream().collect(Collectors.toMap(p -> p, p -> 1L)));
        for (ConsumerRecord<byte[], byte[]> letter : letters) {
            DeadLetter why = deadLetter(letter);
            Hostile bad = placed.get(new Place(why.partition(), why.offset()));
            String what = pipeline.group() + ": " + bad.name();
            assertThat(why.reason()).as(what + ": reason").isEqualTo(bad.reason());
            assertThat(why.topic()).as(what + ": raw topic").isEqualTo(pipeline.raw());
            assertThat(letter.key()).as(what + ": key bytes").isEqualTo(bad.key());
            if (letter.headers().lastHeader(DeadLetterHeaders.TRUNCATED) != null) {
                truncated++;
                assertThat(letter.value()).as(what + ": a prefix of the value")
                        .isEqualTo(Arrays.copyOf(bad.value(), letter.value().length));
                assertThat(new String(letter.headers().lastHeader(DeadLetterHeaders.ORIGINAL_SHA256).value(),
                        StandardCharsets.UTF_8)).as(what + ": the value's hash").isEqualTo(DeadLetterFit.sha256Hex(bad.value()));
            } else {
                assertThat(letter.value()).as(what + ": value bytes").isEqualTo(bad.value());
            }
        }
        return truncated;
    }

    /** Each 5 paired with the 7 that followed it across its bad record, first the 5. */
    private static void assertPairs(LocalKafka kafka, Pipeline pipeline, List<Place> fives, List<Place> sevens) {
        List<List<Place>> pairs = CommittedTopicReader.readAllIfExists(kafka.bootstrapServers(), pipeline.enriched())
                .stream()
                .map(record -> OutputCodec.decodePair(record.value()))
                .map(HostileInputIT::places).toList();
        List<List<Place>> expected = new ArrayList<>();
        for (int i = 0; i < fives.size(); i++) {
            expected.add(List.of(fives.get(i), sevens.get(i)));
        }
        assertThat(pairs).as(pipeline.group() + ": every 5 with its 7").containsExactlyElementsOf(expected);
    }

    private static List<Place> places(NumberPair pair) {
        return Stream.of(pair.getFirst(), pair.getSecond()).map(e -> new Place(e.getPartition(), e.getOffset())).toList();
    }

    private static DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> letter) {
        return DeadLetter.fromHeaders(name -> {
            var header = letter.headers().lastHeader(name);
            return header == null ? null : header.value();
        });
    }

    private static void awaitRunning(PairingApp app) {
        await("the Streams app reaches RUNNING").atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(app.state().isRunningOrRebalancing()).as("the Streams app is starting, not " + app.state())
                    .isTrue();
            return app.state() == KafkaStreams.State.RUNNING;
        });
    }

    private static Set<String> threadNames(PairingApp app) {
        return app.streams().metadataForLocalThreads().stream().map(ThreadMetadata::threadName)
                .collect(Collectors.toSet());
    }
}
