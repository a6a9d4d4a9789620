package dev.pairing.streams.matching;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The {@link TaskPairing} of each task, shared by the task's processors. Kafka Streams makes a
 * processor per node and task, and with keyed input two nodes of a task match numbers (the raw
 * partition's and the repartition topic's): they must share the heap's view of the store. A task's
 * processors start and stop on the thread that owns the task, so the key is the thread and the task:
 * a task moving to another thread gets a pairing of its own there, whatever order the two threads
 * start and stop it in. Every processor start reads the store afresh, so a pairing left behind by a
 * task that did not stop cleanly is never used stale.
 */
public final class TaskPairings {

    private record Owner(long thread, TaskId task) {}

    private final TaskPairing.Settings settings;
    private final ConcurrentMap<Owner, TaskPairing> byOwner = new ConcurrentHashMap<>();

    /**
     * @param settings what every task's pairing needs
     */
    public TaskPairings(TaskPairing.Settings settings) {
        this.settings = settings;
    }

    /**
     * The task's pairing, its store read afresh; called from a processor's init.
     *
     * @param context the processor's context
     * @return the pairing the task's other processors get too
     */
    public TaskPairing open(ProcessorContext<byte[], Object> context) {
        TaskPairing pairing = byOwner.computeIfAbsent(owner(context), owner -> new TaskPairing(settings));
        pairing.open(context);
        return pairing;
    }

    /**
     * Forgets the task's pairing; called from a processor's close.
     *
     * @param context the processor's context
     * @param pairing what {@link #open} gave it
     */
    public void close(ProcessorContext<byte[], Object> context, TaskPairing pairing) {
        if (byOwner.remove(owner(context), pairing)) {
            pairing.close();
        }
    }

    private static Owner owner(ProcessorContext<byte[], Object> context) {
        return new Owner(Thread.currentThread().getId(), context.taskId());
    }
}
