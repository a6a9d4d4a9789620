package dev.pairing.verify;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.ComplementMatcher;
import dev.pairing.core.matching.InMemoryPendingStore;
import dev.pairing.core.matching.MatchListener;
import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.core.validation.NumberValidator;
import dev.pairing.core.validation.Verdict;
import dev.pairing.producer.NumberStream;
import dev.pairing.runtime.PipelineSpec;
import dev.pairing.schemas.codec.ComplementClassKey;
import dev.pairing.schemas.codec.OutputCodec;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.schemas.deadletter.DeadLetter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A large one-partition pipeline that is never held in memory: each topic is generated again from
 * the producer's seeded stream while it is read, and the outputs are what a correct runner writes.
 * For measuring what verify itself keeps per raw record.
 */
final class GeneratedPipeline implements RecordSource {

    static final String RAW = "raw", ENRICHED = "enriched", DLQ = "dlq", UNPAIRED = "unpaired";
    private static final int PAIR_SUM = 12;

    private final long records;
    private final long seed;

    GeneratedPipeline(long records, long seed) {
        this.records = records;
        this.seed = seed;
    }

    VerifyConfig config(long maxRecords) {
        return new VerifyConfig(PipelineSpec.builder().pairSum(PAIR_SUM).topics(RAW, ENRICHED, DLQ, UNPAIRED).limits(dev.pairing.core.matching.PendingLimits.DEFAULT).build(), maxRecords);
    }

    @Override
    public long forEach(String topic, Consumer<TopicRecord> action) {
        PairingRules rules = new PairingRules(PAIR_SUM);
        NumberStream stream = new NumberStream(PAIR_SUM, 0.01, NumberStream.Format.TEXT, seed);
        RawValueCodec codec = new RawValueCodec();
        NumberValidator validator = new NumberValidator(rules);
        Outputs outputs = new Outputs(topic, rules, action);
        ComplementMatcher matcher = new ComplementMatcher(rules, dev.pairing.core.matching.PendingLimits.DEFAULT,
                new InMemoryPendingStore());
        for (long offset = 0; offset < records; offset++) {
            NumberStream.Generated g = stream.next(0);
            long timestamp = 1_000_000L + offset;
            switch (topic) {
                case RAW -> action.accept(new TopicRecord(0, offset, timestamp, g.key(), g.value(), name -> null));
                case DLQ -> {
                    if (validator.validate(codec.decode(g.value())) instanceof Verdict.Rejected rejected) {
                        Map<String, byte[]> headers = new HashMap<>();
                        new DeadLetter(rejected.reason(), rejected.detail(), RAW, 0, offset, timestamp).headers()
                                .forEach(h -> headers.put(h.name(), h.value()));
                        outputs.emit(timestamp, g.key(), g.value(), headers);
                    }
                }
                default -> {
                    if (validator.validate(codec.decode(g.value())) instanceof Verdict.Accepted valid) {
                        matcher.onEvent(new dev.pairing.core.matching.SourceEvent(valid.value(), 0, offset, timestamp,
                                valid.sequence()), outputs);
                    }
                }
            }
        }
        return RAW.equals(topic) ? records : outputs.count;
    }

    /** Writes the matcher's decisions for the topic being read, and counts the records of that topic. */
    private static final class Outputs implements MatchListener {
        private final String topic;
        private final PairingRules rules;
        private final Consumer<TopicRecord> action;
        long count;

        Outputs(String topic, PairingRules rules, Consumer<TopicRecord> action) {
            this.topic = topic;
            this.rules = rules;
            this.action = action;
        }

        void emit(long timestamp, byte[] key, byte[] value, Map<String, byte[]> headers) {
            action.accept(new TopicRecord(0, count++, timestamp, key, value, headers::get));
        }

        @Override
        public void onPair(Pair pair) {
            if (ENRICHED.equals(topic)) {
                emit(pair.second().timestamp(), ComplementClassKey.encode(rules.complementClass(pair.first().value())),
                        OutputCodec.encode(pair, PAIR_SUM), Map.of());
            }
        }

        @Override
        public void onUnpaired(Unpaired unpaired) {
            if (UNPAIRED.equals(topic)) {
                emit(unpaired.event().timestamp(),
                        ComplementClassKey.encode(rules.complementClass(unpaired.event().value())),
                        OutputCodec.encode(unpaired, PAIR_SUM), Map.of());
            }
        }
    }
}
