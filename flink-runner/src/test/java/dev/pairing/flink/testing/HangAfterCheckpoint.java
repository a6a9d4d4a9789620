package dev.pairing.flink.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

/**
 * An identity map that, once, right after its task has taken part in a checkpoint with records in it,
 * holds its task up until the test releases it, and then fails. While it holds, the checkpoint can
 * complete (the snapshot is taken and acknowledged already) but its task never hears so: the sinks
 * chained behind it do not commit that checkpoint's transactions. A task failing after a checkpoint
 * completed and before its commit, and staying down as long as the test likes: an outage.
 * Static because the test watches and releases it from outside the job; one test at a time uses it.
 */
public final class HangAfterCheckpoint<T> extends RichMapFunction<T, T> implements CheckpointedFunction {

    /** Fewer records between two checkpoints and the checkpoint may hold no dead letter to lose. */
    private static final int RECORDS_BEFORE_ARMING = 500;
    private static final AtomicLong HELD_AFTER = new AtomicLong();
    private static final AtomicInteger HELD_SUBTASK = new AtomicInteger(-1);
    private static volatile CountDownLatch holding = new CountDownLatch(1);
    private static volatile CountDownLatch release = new CountDownLatch(1);

    private transient int seenSinceSnapshot;
    private transient boolean armed;
    private transient int subtask;

    public static void reset() {
        HELD_AFTER.set(0);
        HELD_SUBTASK.set(-1);
        holding = new CountDownLatch(1);
        release = new CountDownLatch(1);
    }

    /** The checkpoint after which a task was held, or 0 before. */
    public static long heldAfter() {
        return HELD_AFTER.get();
    }

    /** The index of the subtask held. */
    public static int heldSubtask() {
        return HELD_SUBTASK.get();
    }

    public static boolean holding() {
        return holding.getCount() == 0;
    }

    /** Lets the held task go on to its failure. */
    public static void release() {
        release.countDown();
    }

    @Override
    public void open(OpenContext openContext) {
        subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    }

    @Override
    public T map(T value) throws InterruptedException {
        if (armed) {
            armed = false;
            holding.countDown();
            if (!release.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the test never released the held task");
            }
            throw new IllegalStateException("injected failure after an outage that outlasted transaction.timeout.ms");
        }
        seenSinceSnapshot++;
        return value;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        if (seenSinceSnapshot >= RECORDS_BEFORE_ARMING && HELD_AFTER.compareAndSet(0, context.getCheckpointId())) {
            HELD_SUBTASK.set(subtask);
            armed = true;
        }
        seenSinceSnapshot = 0;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        // nothing to restore: it fails once per test
    }
}
