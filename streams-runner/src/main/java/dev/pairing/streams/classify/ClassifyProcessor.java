package dev.pairing.streams.classify;

import dev.pairing.placement.ClassKeys;
import dev.pairing.schemas.triage.RawRecordTriage;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * For a raw topic not keyed by class: reads each raw record ({@link RawIntake}), writes a rejected one
 * to the dead-letter sink and sends a valid number, keyed by its class, to the repartition topic, which
 * brings each class to one task.
 */
public final class ClassifyProcessor implements Processor<byte[], byte[], byte[], Object> {

    private final RawIntake intake;
    private final ClassKeys keys;
    private final String byClass;
    private ProcessorContext<byte[], Object> context;

    /**
     * @param byClass the first node of the repartition topic's path
     */
    public ClassifyProcessor(RawIntake intake, ClassKeys keys, String byClass) {
        this.intake = intake;
        this.keys = keys;
        this.byClass = byClass;
    }

    @Override
    public void init(ProcessorContext<byte[], Object> context) {
        this.context = context;
        intake.init(context);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RawRecordTriage.Valid valid = intake.admit(record, context);
        if (valid != null) {
            context.forward(new Record<>(keys.of(valid.complementClass()), valid.event(), record.timestamp()), byClass);
        }
    }

    @Override
    public void close() {
        intake.close();
    }
}
