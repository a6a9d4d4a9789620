package dev.pairing.flink.classify;

import dev.pairing.core.matching.SourceEvent;
import dev.pairing.flink.source.RawRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

/** The classifier's dead-letter side output as the harness collected it. */
final class SideOutputs {

    private SideOutputs() {}

    static List<DeadLetterRecord> deadLetters(OneInputStreamOperatorTestHarness<RawRecord, SourceEvent> harness) {
        List<DeadLetterRecord> out = new ArrayList<>();
        var records = harness.getSideOutput(RawRecordClassifier.DEAD_LETTERS);
        if (records != null) {
            for (StreamRecord<DeadLetterRecord> record : records) {
                out.add(record.getValue());
            }
        }
        return out;
    }
}
