package dev.pairing.flink.testing;

import dev.pairing.flink.source.RawRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

/**
 * An identity map chained right behind the raw-topic source that records, per checkpoint, the raw
 * input the checkpoint covers (the next offset of every partition its subtask had passed on when the
 * barrier came), and the latest checkpoint its task was told is complete. Put in a task of its own
 * (not the one a test holds up), it tells the test what the JobManager completed and what a restore
 * from it would skip.
 *
 * <p>The consumer group's committed offsets cannot tell that: the source commits them after the
 * checkpoint, asynchronously, on its fetcher thread, and a fetcher blocked by backpressure (behind a
 * held task) or a task that fails first never does, so they lag behind the checkpoint.
 * Static because the test reads it from outside the job; one test at a time uses it.
 */
public final class CheckpointWatch implements MapFunction<RawRecord, RawRecord>, CheckpointedFunction,
        CheckpointListener {

    private static final AtomicLong COMPLETED = new AtomicLong();
    private static final Map<Long, Map<Integer, Long>> COVERED = new ConcurrentHashMap<>();

    private transient Map<Integer, Long> nextOffsets;

    public static void reset() {
        COMPLETED.set(0);
        COVERED.clear();
    }

    public static long completed() {
        return COMPLETED.get();
    }

    /** Per raw partition, the first offset a restore from {@code checkpointId} reads again. */
    public static Map<Integer, Long> coveredBy(long checkpointId) {
        return Map.copyOf(COVERED.getOrDefault(checkpointId, Map.of()));
    }

    @Override
    public RawRecord map(RawRecord record) {
        nextOffsets.merge(record.partition(), record.offset() + 1, Math::max);
        return record;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        // each subtask reads its own partitions: the subtasks' snapshots of one checkpoint add up
        COVERED.computeIfAbsent(context.getCheckpointId(), id -> new ConcurrentHashMap<>()).putAll(nextOffsets);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        nextOffsets = new HashMap<>();
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        COMPLETED.accumulateAndGet(checkpointId, Math::max);
    }
}
