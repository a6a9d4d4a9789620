package dev.pairing.flink.matching;

import dev.pairing.core.matching.PendingLimits;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.flink.classify.KeyGroupClassKeys;
import dev.pairing.flink.classify.DeadLetterRecord;
import dev.pairing.flink.sink.Outgoing;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.types.Either;

/**
 * The matching step as the job runs it: {@link ComplementMatchFunction} in Flink's keyed process
 * operator, plus what a function cannot do because it needs to choose the current key itself:
 * <ul>
 *   <li>before every snapshot, it writes the pending numbers the store holds in memory to keyed
 *       state, class by class under each class's key, so the snapshot holds them all;</li>
 *   <li>when it opens on state of the layout that keyed classes by their numbers, it moves that
 *       state to the classes' keys ({@link ClassNumberKeysUpgrade}), or refuses it where it cannot;</li>
 *   <li>built for a single subtask (its input arrives without a shuffle), it refuses to run on more.</li>
 * </ul>
 */
public final class ComplementMatchOperator
        extends KeyedProcessOperator<Integer, Either<SourceEvent, DeadLetterRecord>, Outgoing> {

    private static final long serialVersionUID = 1L;

    /** Flink's name for a keyed process operator's timer service, under which the expiry timers sit. */
    static final String TIMER_SERVICE = "user-timers";

    private final boolean singleSubtask;
    /** The user function, typed (the same object serialization keeps as the operator's). */
    private final ComplementMatchFunction matching;

    /**
     * @param pairSum       the pipeline's pairSum
     * @param limits        the bounds on pending state
     * @param singleSubtask true when its input is not shuffled by class, which is right only at parallelism 1
     */
    public ComplementMatchOperator(int pairSum, PendingLimits limits, boolean singleSubtask) {
        this(new ComplementMatchFunction(pairSum, limits), singleSubtask);
    }

    private ComplementMatchOperator(ComplementMatchFunction matching, boolean singleSubtask) {
        super(matching);
        this.matching = matching;
        this.singleSubtask = singleSubtask;
    }

    @Override
    public void open() throws Exception {
        int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        if (singleSubtask && parallelism > 1) {
            throw new SuppressRestartsException(new IllegalStateException("the job was built for parallelism 1, where"
                    + " numbers reach the matcher without being shuffled by class, but runs at parallelism " + parallelism
                    + " (an adaptive or reactive scheduler, or a parallelism override?); it would pair numbers of one"
                    + " class on different subtasks. Submit it with -p " + parallelism + ", so that it is built for that"
                    + " parallelism"));
        }
        super.open();
        if (matching.restoredLayout() == KeyedStatePendingStore.CLASS_NUMBER_KEYS_LAYOUT) {
            new ClassNumberKeysUpgrade(getKeyedStateBackend(),
                    getInternalTimerService(TIMER_SERVICE, VoidNamespaceSerializer.INSTANCE, this),
                    matching.keys(), parallelism).run();
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        KeyGroupClassKeys keys = matching.keys();
        matching.writePending(complementClass -> setCurrentKey(keys.boxedKeyOf(complementClass)));
        super.snapshotState(context);
    }
}
