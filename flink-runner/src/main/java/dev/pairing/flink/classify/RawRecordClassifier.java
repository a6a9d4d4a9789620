package dev.pairing.flink.classify;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.validation.NumberValidator;
import dev.pairing.core.validation.Verdict;
import dev.pairing.flink.source.RawRecord;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.schemas.deadletter.DeadLetter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes and validates each raw record: a valid number goes on as a {@link SourceEvent} carrying
 * its raw-topic provenance; anything else goes to the {@link #DEAD_LETTERS} side output with its
 * original bytes. Decoding never throws, so no record can stop the job or vanish.
 */
public final class RawRecordClassifier extends ProcessFunction<RawRecord, SourceEvent> {

    public static final OutputTag<DeadLetterRecord> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetterRecord.class));

    private final int pairSum;
    private final String rawTopic;
    private transient RawValueCodec codec;
    private transient NumberValidator validator;

    public RawRecordClassifier(int pairSum, String rawTopic) {
        this.pairSum = pairSum;
        this.rawTopic = rawTopic;
    }

    @Override
    public void open(OpenContext openContext) {
        // the codec reuses its Avro decoder: one per parallel instance, never shared
        codec = new RawValueCodec();
        validator = new NumberValidator(new PairingRules(pairSum));
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<SourceEvent> out) {
        Verdict verdict = validator.validate(codec.decode(raw.value()));
        if (verdict instanceof Verdict.Accepted valid) {
            out.collect(new SourceEvent(valid.value(), raw.partition(), raw.offset(), raw.timestamp(),
                    valid.sequence()));
        } else {
            Verdict.Rejected rejected = (Verdict.Rejected) verdict;
            ctx.output(DEAD_LETTERS, new DeadLetterRecord(raw.key(), raw.value(), new DeadLetter(rejected.reason(),
                    rejected.detail(), rawTopic, raw.partition(), raw.offset(), raw.timestamp())));
        }
    }
}
