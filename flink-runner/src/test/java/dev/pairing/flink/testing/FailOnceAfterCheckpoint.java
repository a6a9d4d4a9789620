package dev.pairing.flink.testing;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * An identity map that throws exactly once, on the {@code failAfter}-th record it sees after a
 * checkpoint has completed: the job must then restart from that checkpoint with its transactions
 * aborted, and the committed output must show neither a gap nor a duplicate. State is static
 * because the failed instance is replaced on restart; one test at a time uses it.
 */
public final class FailOnceAfterCheckpoint<T> extends RichMapFunction<T, T> implements CheckpointListener {

    private static final AtomicBoolean CHECKPOINT_COMPLETED = new AtomicBoolean();
    private static final AtomicBoolean FAILED = new AtomicBoolean();
    private static final AtomicInteger RESTARTS_SEEN = new AtomicInteger();

    private final int failAfter;
    private transient int seenSinceCheckpoint;
    private transient boolean armed;

    public FailOnceAfterCheckpoint(int failAfter) {
        this.failAfter = failAfter;
    }

    public static void reset() {
        CHECKPOINT_COMPLETED.set(false);
        FAILED.set(false);
        RESTARTS_SEEN.set(0);
    }

    public static boolean checkpointCompleted() {
        return CHECKPOINT_COMPLETED.get();
    }

    public static boolean failed() {
        return FAILED.get();
    }

    /** Highest attempt number an instance was opened in: 1 or more once the job restarted. */
    public static int restartsSeen() {
        return RESTARTS_SEEN.get();
    }

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext openContext) {
        RESTARTS_SEEN.accumulateAndGet(getRuntimeContext().getTaskInfo().getAttemptNumber(), Math::max);
    }

    @Override
    public T map(T value) {
        if (armed && !FAILED.get() && ++seenSinceCheckpoint >= failAfter && FAILED.compareAndSet(false, true)) {
            throw new IllegalStateException("injected failure after a completed checkpoint");
        }
        return value;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        CHECKPOINT_COMPLETED.set(true);
        armed = true;
    }
}
