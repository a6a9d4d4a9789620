package dev.pairing.streams;

import dev.pairing.core.PairingOracle;
import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.runtime.Guarantee;
import dev.pairing.runtime.PipelineSpec;
import dev.pairing.schemas.codec.ComplementClassKey;
import dev.pairing.schemas.codec.OutputCodec;
import dev.pairing.schemas.codec.RawValueCodec;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The real topology in a TopologyTestDriver, configured as the runner configures it, with the
 * raw input and the three outputs as test topics, plus an oracle fed the same input.
 */
final class PairingDriver implements AutoCloseable {

    static final String APPLICATION_ID = "pairing-test";

    final PipelineSpec config;
    final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> raw;
    final TestOutputTopic<byte[], byte[]> enriched;
    final TestOutputTopic<byte[], byte[]> deadLetters;
    final TestOutputTopic<byte[], byte[]> unpaired;
    final PairingOracle oracle;
    private long rawOffset;

    PairingDriver(StreamsRunnerConfig runner, Path stateDir) {
        this(runner, stateDir, 1);
    }

    /** A topology built for a raw topic of {@code rawPartitions}, though the driver feeds every record to partition 0. */
    PairingDriver(StreamsRunnerConfig runner, Path stateDir, int rawPartitions) {
        this.config = runner.pipeline();
        PairingTopology.Builder topology = PairingTopology.builder(config).rawPartitions(rawPartitions);
        this.driver = new TopologyTestDriver(
                (runner.inputKeyedByClass() ? topology.inputKeyedByClass(rawPartitions) : topology).build(),
                properties(stateDir, config.guarantee()));
        ByteArraySerializer out = new ByteArraySerializer();
        ByteArrayDeserializer in = new ByteArrayDeserializer();
        raw = driver.createInputTopic(config.rawTopic(), out, out);
        enriched = driver.createOutputTopic(config.enrichedTopic(), in, in);
        deadLetters = driver.createOutputTopic(config.deadLetterTopic(), in, in);
        unpaired = driver.createOutputTopic(config.unpairedTopic(), in, in);
        oracle = new PairingOracle(config.rules(), config.limits());
    }

    static StreamsRunnerConfig config(int pairSum, PendingLimits limits, boolean inputKeyedByClass) {
        return config(PipelineSpec.builder().pairSum(pairSum).limits(limits).build(), inputKeyedByClass);
    }

    static StreamsRunnerConfig config(PipelineSpec pipeline, boolean inputKeyedByClass) {
        return StreamsRunnerConfig.builder(pipeline).inputKeyedByClass(inputKeyedByClass).build();
    }

    static Properties properties(Path stateDir, Guarantee guarantee) {
        PipelineSpec driven = PipelineSpec.builder().groupId(APPLICATION_ID).guarantee(guarantee)
                .bootstrapServers("unused:9092").build();
        return StreamsRunnerConfig.builder(driven).stateDir(stateDir.toString()).build().streamsProperties();
    }

    /** Sends one raw record to the topology and to the oracle; returns its raw offset. */
    long send(byte[] key, byte[] value, long timestamp) {
        raw.pipeInput(new TestRecord<>(key, value, new RecordHeaders(), timestamp));
        oracle.accept(new RawValueCodec().decode(value), 0, rawOffset, timestamp);
        return rawOffset++;
    }

    /** A valid-looking number as the producer sends it: Avro, keyed by its class when it has one. */
    long sendNumber(long number, long timestamp) {
        byte[] key = config.rules().inRange(number)
                ? ComplementClassKey.encode(config.rules().complementClass(number)) : null;
        return send(key, RawValueCodec.encodeAvro(number, rawOffset, null), timestamp);
    }

    /** The oracle's pairs as the bytes the enriched topic must carry. */
    List<byte[]> expectedPairValues() {
        return oracle.pairs().stream().map(this::encode).toList();
    }

    List<byte[]> expectedUnpairedValues() {
        return oracle.unpaired().stream().map(u -> OutputCodec.encode(u, config.pairSum())).toList();
    }

    byte[] encode(Pair pair) {
        return OutputCodec.encode(pair, config.pairSum());
    }

    byte[] encode(Unpaired unpaired) {
        return OutputCodec.encode(unpaired, config.pairSum());
    }

    @Override
    public void close() {
        driver.close();
    }
}
