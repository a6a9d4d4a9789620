package dev.pairing.testkit.streams;

import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.core.matching.UnpairedReason;
import dev.pairing.runtime.PipelineSpec;
import dev.pairing.schemas.avro.NumberPair;
import dev.pairing.schemas.avro.UnpairedNumber;
import dev.pairing.schemas.codec.ComplementClassKey;
import dev.pairing.schemas.codec.OutputCodec;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.schemas.deadletter.DeadLetter;
import dev.pairing.streams.PairingTopology;
import dev.pairing.streams.StreamsRunnerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The project's Kafka Streams topology ({@link PairingTopology}) in a {@link TopologyTestDriver},
 * configured as the runner configures it (exactly-once, the real pending store), with typed outputs:
 *
 * <pre>{@code
 * try (PairingTestDriver pipeline = PairingTestDriver.start(PipelineSpec.defaults())) {
 *     pipeline.pipeNumber(5);
 *     pipeline.pipeNumber(7);
 *     pipeline.pipeText("garbage");
 *     assertEquals(1, pipeline.readPairs().size());
 *     assertEquals(RejectReason.NOT_A_NUMBER, pipeline.readDeadLetters().get(0).deadLetter().reason());
 * }
 * }</pre>
 *
 * Every record goes to raw partition 0 at the next offset, with a timestamp one millisecond after the
 * previous record's unless given. Each {@code read...} method returns what arrived on its topic since
 * the last read. No broker is involved.
 */
public final class PairingTestDriver implements AutoCloseable {

    /** The application id the driver runs under; internal topics are prefixed with it. */
    public static final String APPLICATION_ID = "pairing-testkit";

    private final PipelineSpec config;
    private final TopologyTestDriver driver;
    private final Path stateDir;
    private final TestInputTopic<byte[], byte[]> raw;
    private final TestOutputTopic<byte[], byte[]> enriched;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final TestOutputTopic<byte[], byte[]> unpaired;
    private long nextTimestamp;

    private PairingTestDriver(PipelineSpec config, Path stateDir) {
        this.config = config;
        this.stateDir = stateDir;
        this.driver = new TopologyTestDriver(PairingTopology.build(config), properties(config, stateDir));
        ByteArraySerializer out = new ByteArraySerializer();
        ByteArrayDeserializer in = new ByteArrayDeserializer();
        raw = driver.createInputTopic(config.rawTopic(), out, out);
        enriched = driver.createOutputTopic(config.enrichedTopic(), in, in);
        deadLetters = driver.createOutputTopic(config.deadLetterTopic(), in, in);
        unpaired = driver.createOutputTopic(config.unpairedTopic(), in, in);
    }

    /**
     * The topology of {@code config} on pending state in a temporary directory, deleted on {@link #close()}
     * (TopologyTestDriver removes the state itself when it closes: each driver starts empty).
     *
     * @param config pairSum, limits and topic names, as the runner's flags would give them
     * @return a running driver; close it
     */
    public static PairingTestDriver start(PipelineSpec config) {
        try {
            return new PairingTestDriver(config, Files.createTempDirectory("pairing-testkit"));
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary state directory", e);
        }
    }

    /**
     * Sends a number as the project's producer does: Avro, keyed by its complement class when it has one.
     *
     * @param number any long; numbers outside {@code 0..pairSum} are dead-lettered
     */
    public void pipeNumber(long number) {
        pipeNumber(number, nextTimestamp);
    }

    /**
     * Sends a number as the project's producer does, with the given record timestamp (event time).
     *
     * @param number    any long; numbers outside {@code 0..pairSum} are dead-lettered
     * @param timestamp the raw record's timestamp, epoch millis
     */
    public void pipeNumber(long number, long timestamp) {
        byte[] key = config.rules().inRange(number)
                ? ComplementClassKey.encode(config.rules().complementClass(number)) : null;
        pipeRaw(key, RawValueCodec.encodeAvro(number, null, null), timestamp);
    }

    /**
     * Sends a UTF-8 text value without a key, as {@code kafka-console-producer} would: {@code "7"} is
     * a number, {@code "garbage"} a dead letter.
     *
     * @param text the value
     */
    public void pipeText(String text) {
        pipeRaw(null, text.getBytes(StandardCharsets.UTF_8), nextTimestamp);
    }

    /**
     * Sends any raw record.
     *
     * @param key       the key bytes, or null
     * @param value     the value bytes, or null for a tombstone
     * @param timestamp the record timestamp, epoch millis
     */
    public void pipeRaw(byte[] key, byte[] value, long timestamp) {
        raw.pipeInput(new TestRecord<>(key, value, new RecordHeaders(), timestamp));
        nextTimestamp = timestamp + 1;
    }

    /**
     * The pairs written to the enriched topic since the last call, in order.
     *
     * @return pairs as the core's type: {@code first} is the number that waited
     */
    public List<Pair> readPairs() {
        return enriched.readValuesToList().stream().map(PairingTestDriver::pair).toList();
    }

    /**
     * The records written to the unpaired topic since the last call, in order.
     *
     * @return numbers that left pending state without a partner, and why
     */
    public List<Unpaired> readUnpaired() {
        return unpaired.readValuesToList().stream().map(PairingTestDriver::unpaired).toList();
    }

    /**
     * The records written to the dead-letter topic since the last call, in order.
     *
     * @return the rejected records with their reason and place
     */
    public List<RejectedRecord> readDeadLetters() {
        return deadLetters.readRecordsToList().stream()
                .map(r -> new RejectedRecord(r.key(), r.value(), r.timestamp(), deadLetter(r.headers())))
                .toList();
    }

    /**
     * Whether every output topic has been read to its end: nothing unexpected came out.
     *
     * @return true when no output is waiting to be read
     */
    public boolean outputsAreEmpty() {
        return enriched.isEmpty() && deadLetters.isEmpty() && unpaired.isEmpty();
    }

    /**
     * The underlying driver, for what this class does not cover (wall-clock punctuation, store access).
     *
     * @return the driver this class wraps
     */
    public TopologyTestDriver driver() {
        return driver;
    }

    /**
     * Reads a dead letter's headers back; the headers are the runner's contract, see {@link DeadLetter}.
     *
     * @param headers a dead-letter record's headers
     * @return the reason and the raw record's place
     * @throws IllegalArgumentException when a header is missing or unreadable
     */
    public static DeadLetter deadLetter(Headers headers) {
        return DeadLetter.fromHeaders(name -> {
            Header header = headers.lastHeader(name);
            return header == null ? null : header.value();
        });
    }

    /** Closes the driver and deletes its temporary state directory. */
    @Override
    public void close() {
        driver.close();
        deleteRecursively(stateDir);
    }

    private static Properties properties(PipelineSpec spec, Path stateDir) {
        // TopologyTestDriver never connects; Kafka Streams demands an address all the same
        PipelineSpec driven = spec.toBuilder().groupId(APPLICATION_ID).bootstrapServers("unused:9092").build();
        return StreamsRunnerConfig.builder(driven).stateDir(stateDir.toString()).build().streamsProperties();
    }

    private static Pair pair(byte[] value) {
        NumberPair pair = OutputCodec.decodePair(value);
        return new Pair(OutputCodec.fromAvro(pair.getFirst()), OutputCodec.fromAvro(pair.getSecond()));
    }

    private static Unpaired unpaired(byte[] value) {
        UnpairedNumber record = OutputCodec.decodeUnpaired(value);
        return new Unpaired(OutputCodec.fromAvro(record.getEvent()), UnpairedReason.valueOf(record.getReason().name()));
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }
}
