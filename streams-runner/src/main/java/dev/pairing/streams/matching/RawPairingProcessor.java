package dev.pairing.streams.matching;

import dev.pairing.placement.ClassKeys;
import dev.pairing.schemas.triage.RawRecordTriage;
import dev.pairing.streams.classify.ClassPlacement;
import dev.pairing.streams.classify.RawIntake;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The whole pipeline for a raw topic keyed by class, in one processor: a raw record is read
 * ({@link RawIntake}), a rejected one goes to the dead-letter sink, a number in its class's partition
 * is paired at once on the task's {@link TaskPairing}, and a number found elsewhere goes to the
 * repartition topic, which brings it to the task of its class's partition.
 */
public final class RawPairingProcessor implements Processor<byte[], byte[], byte[], Object> {

    private final RawIntake intake;
    private final ClassPlacement placement;
    private final ClassKeys keys;
    private final String byClass;
    private final TaskPairings pairings;
    private ProcessorContext<byte[], Object> context;
    private TaskPairing pairing;

    /**
     * @param byClass the first node of the repartition topic's path
     */
    public RawPairingProcessor(RawIntake intake, ClassPlacement placement, ClassKeys keys, String byClass,
            TaskPairings pairings) {
        this.intake = intake;
        this.placement = placement;
        this.keys = keys;
        this.byClass = byClass;
        this.pairings = pairings;
    }

    @Override
    public void init(ProcessorContext<byte[], Object> context) {
        this.context = context;
        intake.init(context);
        pairing = pairings.open(context);
        pairing.scheduleSweep(context);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RawRecordTriage.Valid valid = intake.admit(record, context);
        if (valid == null) {
            return;
        }
        // the flag is a promise about the producer that one record produced otherwise would break silently:
        // a number outside its class's partition goes to the task that owns the class
        if (placement.isHome(valid.complementClass(), valid.event().partition())) {
            pairing.match(valid.event(), context);
        } else {
            context.forward(new Record<>(keys.of(valid.complementClass()), valid.event(), record.timestamp()), byClass);
        }
    }

    @Override
    public void close() {
        intake.close();
        pairings.close(context, pairing);
    }
}
