package dev.pairing.streams.matching;

import dev.pairing.core.matching.SourceEvent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Pairs the numbers the repartition topic brings to a task, on the task's {@link TaskPairing}: all of
 * them when the raw topic is not keyed by class, the strays of other partitions when it is.
 */
public final class PairingProcessor implements Processor<byte[], SourceEvent, byte[], Object> {

    private final TaskPairings pairings;
    private final boolean sweeps;
    private ProcessorContext<byte[], Object> context;
    private TaskPairing pairing;

    /**
     * @param pairings the topology's pairings per task
     * @param sweeps   true for the one processor of a task that runs the TTL sweep
     */
    public PairingProcessor(TaskPairings pairings, boolean sweeps) {
        this.pairings = pairings;
        this.sweeps = sweeps;
    }

    @Override
    public void init(ProcessorContext<byte[], Object> context) {
        this.context = context;
        pairing = pairings.open(context);
        if (sweeps) {
            pairing.scheduleSweep(context);
        }
    }

    @Override
    public void process(Record<byte[], SourceEvent> record) {
        pairing.match(record.value(), context);
    }

    @Override
    public void close() {
        pairings.close(context, pairing);
    }
}
