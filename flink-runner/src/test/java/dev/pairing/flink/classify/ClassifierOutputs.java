package dev.pairing.flink.classify;

import dev.pairing.core.matching.SourceEvent;
import dev.pairing.flink.matching.StateTypes;
import dev.pairing.flink.source.RawRecord;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.types.Either;

/** The classifier's one output as the harness collected it, split into valid events and dead letters. */
final class ClassifierOutputs {

    private ClassifierOutputs() {}

    /** The classifier in an opened harness that knows its output type (Flink cannot extract an Either's). */
    static OneInputStreamOperatorTestHarness<RawRecord, Either<SourceEvent, DeadLetterRecord>> harness(
            RawRecordClassifier classifier) throws Exception {
        OneInputStreamOperatorTestHarness<RawRecord, Either<SourceEvent, DeadLetterRecord>> harness =
                new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(classifier));
        harness.setup(StateTypes.CLASSIFIED.createSerializer(new SerializerConfigImpl()));
        harness.open();
        return harness;
    }

    static List<SourceEvent> valid(OneInputStreamOperatorTestHarness<RawRecord, Either<SourceEvent, DeadLetterRecord>> harness) {
        return harness.extractOutputValues().stream().filter(Either::isLeft).map(Either::left).toList();
    }

    static List<DeadLetterRecord> deadLetters(
            OneInputStreamOperatorTestHarness<RawRecord, Either<SourceEvent, DeadLetterRecord>> harness) {
        return harness.extractOutputValues().stream().filter(Either::isRight).map(Either::right).toList();
    }
}
