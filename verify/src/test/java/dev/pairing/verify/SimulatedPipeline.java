package dev.pairing.verify;

import dev.pairing.core.PairingOracle;
import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.producer.NumberStream;
import dev.pairing.runtime.PipelineSpec;
import dev.pairing.schemas.codec.ComplementClassKey;
import dev.pairing.schemas.codec.OutputCodec;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.schemas.deadletter.DeadLetter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A raw topic and the outputs a correct runner writes for it, built with pairing-core and the
 * output contracts. Tests plant faults into the outputs and expect verify to name them.
 */
final class SimulatedPipeline implements RecordSource {

    static final String RAW = "raw", ENRICHED = "enriched", DLQ = "dlq", UNPAIRED = "unpaired";

    final Map<String, List<TopicRecord>> topics = new LinkedHashMap<>();
    final VerifyConfig config;

    private SimulatedPipeline(VerifyConfig config) {
        this.config = config;
        for (String topic : List.of(RAW, ENRICHED, DLQ, UNPAIRED)) {
            topics.put(topic, new ArrayList<>());
        }
    }

    /** Raw records from the producer's stream, each class in partition {@code class % partitions}. */
    static SimulatedPipeline classKeyed(int records, int partitions, long seed, PendingLimits limits) {
        SimulatedPipeline pipeline = new SimulatedPipeline(
                new VerifyConfig(PipelineSpec.builder().pairSum(12).topics(RAW, ENRICHED, DLQ, UNPAIRED).limits(limits).build(), 1_000_000));
        NumberStream stream = new NumberStream(12, 0.05, NumberStream.Format.AVRO, seed);
        long[] nextOffset = new long[partitions];
        for (int i = 0; i < records; i++) {
            NumberStream.Generated g = stream.next(1_000L + i);
            int partition = ComplementClassKey.decode(g.key()) % partitions;
            pipeline.raw(partition, nextOffset[partition]++, 10_000L + i * 10L, g.key(), g.value());
        }
        pipeline.runCorrectly();
        return pipeline;
    }

    static SimulatedPipeline empty(VerifyConfig config) {
        return new SimulatedPipeline(config);
    }

    void raw(int partition, long offset, long timestamp, byte[] key, byte[] value) {
        topics.get(RAW).add(new TopicRecord(partition, offset, timestamp, key, value, name -> null));
    }

    /** Writes what a correct runner would: raw records fed in partition then offset order. */
    void runCorrectly() {
        PairingRules rules = new PairingRules(config.pairSum());
        PairingOracle oracle = new PairingOracle(rules, config.limits());
        RawValueCodec codec = new RawValueCodec();
        Map<Long, TopicRecord> byPosition = new HashMap<>();
        List<TopicRecord> raw = new ArrayList<>(topics.get(RAW));
        raw.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
        for (TopicRecord r : raw) {
            byPosition.put(RawLedger.pack(r.partition(), r.offset()), r);
            oracle.accept(codec.decode(r.value()), r.partition(), r.offset(), r.timestamp());
        }
        for (PairingOracle.Rejection rejection : oracle.rejections()) {
            TopicRecord r = byPosition.get(RawLedger.pack(rejection.partition(), rejection.offset()));
            DeadLetter letter = new DeadLetter(rejection.reason(), rejection.detail(), RAW, r.partition(), r.offset(),
                    r.timestamp());
            Map<String, byte[]> headers = new HashMap<>();
            letter.headers().forEach(h -> headers.put(h.name(), h.value()));
            append(DLQ, r.timestamp(), r.key(), r.value(), headers);
        }
        for (Pair pair : oracle.pairs()) {
            append(ENRICHED, pair.second().timestamp(),
                    ComplementClassKey.encode(rules.complementClass(pair.first().value())),
                    OutputCodec.encode(pair, config.pairSum()), Map.of());
        }
        for (Unpaired unpaired : oracle.unpaired()) {
            append(UNPAIRED, unpaired.event().timestamp(),
                    ComplementClassKey.encode(rules.complementClass(unpaired.event().value())),
                    OutputCodec.encode(unpaired, config.pairSum()), Map.of());
        }
    }

    void append(String topic, long timestamp, byte[] key, byte[] value, Map<String, byte[]> headers) {
        List<TopicRecord> records = topics.get(topic);
        records.add(new TopicRecord(0, records.size(), timestamp, key, value, headers::get));
    }

    @Override
    public long forEach(String topic, Consumer<TopicRecord> action) {
        List<TopicRecord> records = topics.get(topic);
        if (records == null) {
            throw new VerifyException("topic " + topic + " does not exist");
        }
        records.forEach(action);
        return records.size();
    }

    VerifyReport verify() {
        return new LedgerCheck(config, this).run();
    }
}
