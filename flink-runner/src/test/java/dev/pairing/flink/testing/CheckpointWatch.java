package dev.pairing.flink.testing;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * An identity map that records the latest checkpoint its task was told is complete. Put in a task of
 * its own (not the one a test holds up), it tells the test what the JobManager completed. Static
 * because the test reads it from outside the job; one test at a time uses it.
 */
public final class CheckpointWatch<T> implements MapFunction<T, T>, CheckpointListener {

    private static final AtomicLong COMPLETED = new AtomicLong();

    public static void reset() {
        COMPLETED.set(0);
    }

    public static long completed() {
        return COMPLETED.get();
    }

    @Override
    public T map(T value) {
        return value;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        COMPLETED.accumulateAndGet(checkpointId, Math::max);
    }
}
