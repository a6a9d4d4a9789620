package dev.pairing.flink.matching;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.ComplementMatcher;
import dev.pairing.core.matching.MatchListener;
import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.core.matching.PendingStateStamp;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.flink.classify.DeadLetterRecord;
import dev.pairing.flink.classify.KeyGroupClassKeys;
import dev.pairing.flink.metrics.FlinkMetricBinding;
import dev.pairing.flink.sink.Outgoing;
import dev.pairing.runtime.StampRefusal;
import dev.pairing.runtime.metrics.PipelineMeter;
import dev.pairing.runtime.metrics.PipelineMetric;
import java.util.List;
import java.util.function.IntConsumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;

/**
 * Runs the core's matcher for one complement class (the key, see {@link KeyGroupClassKeys}) on keyed state.
 * Its one output is everything the job writes: pairs and numbers that leave without a partner, and
 * the dead letters the classifier sent along, which pass unchanged. Every decision is the
 * matcher's: this class only connects it to Flink's state, timers and outputs. It
 * runs inside {@link ComplementMatchOperator}, which writes the pending numbers the store holds in
 * memory to keyed state before every snapshot.
 *
 * <p>With a TTL, the matcher expires lazily when its class receives an event (at that event's
 * timestamp). A class that stops receiving events gets an event-time timer at its next expiry
 * instead; when the watermark passes it, everything the watermark has expired leaves. Event time,
 * never processing time: replaying the same input gives the same output.
 *
 * <p>Every checkpoint and savepoint carries the {@link PendingStateStamp} (pairSum and state layout)
 * in union operator state; restoring one with another pairSum or an unknown layout fails the job
 * without restarts, and one of {@link KeyedStatePendingStore#CLASS_NUMBER_KEYS_LAYOUT} is handed to
 * {@link ClassNumberKeysUpgrade} by the operator.
 */
public final class ComplementMatchFunction
        extends KeyedProcessFunction<Integer, Either<SourceEvent, DeadLetterRecord>, Outgoing>
        implements CheckpointedFunction {

    /** The event-time timer currently registered for the class, if any. */
    static final ValueStateDescriptor<Long> EXPIRY_TIMER = new ValueStateDescriptor<>("expiry-timer", Types.LONG);

    /** The stamp of the state, as {@link PendingStateStamp#packed()}; every subtask's copy on restore. */
    static final ListStateDescriptor<Long> STAMP = new ListStateDescriptor<>("pending-state-stamp", Types.LONG);

    private final int pairSum;
    private final long maxPendingPerClass;
    private final long ttlMillis;
    private final KeyGroupClassKeys keys;
    private transient PairingRules rules;
    private transient ComplementMatcher matcher;
    private transient KeyedStatePendingStore store;
    private transient ValueState<Long> expiryTimer;
    private transient Outputs outputs;
    private transient ListState<Long> stamps;
    private transient int restoredLayout;

    ComplementMatchFunction(int pairSum, PendingLimits limits) {
        this.pairSum = pairSum;
        this.maxPendingPerClass = limits.maxPendingPerClass();
        this.ttlMillis = limits.ttlMillis();
        this.keys = new KeyGroupClassKeys(pairSum);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        stamps = context.getOperatorStateStore().getUnionListState(STAMP);
        // state from before stamps were kept has none; it was written under the class numbers as keys,
        // and its pairSum cannot be known, so it is taken as this one's
        restoredLayout = context.isRestored() ? KeyedStatePendingStore.CLASS_NUMBER_KEYS_LAYOUT : KeyedStatePendingStore.LAYOUT;
        for (Long packed : stamps.get()) {
            PendingStateStamp stored = PendingStateStamp.fromPacked(packed);
            PendingStateStamp expected = stored.layout() == KeyedStatePendingStore.CLASS_NUMBER_KEYS_LAYOUT
                    ? new PendingStateStamp(stored.layout(), pairSum) : stamp();
            String refusal = StampRefusal.of(stored, expected, "submit the job",
                    "submit it without this savepoint or checkpoint, and with a new --groupId to read the raw topic"
                            + " from the start");
            if (refusal != null) {
                // no restart can make the state fit: fail the job for good instead of restarting it forever
                throw new SuppressRestartsException(new IllegalStateException(refusal));
            }
            restoredLayout = stored.layout();
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        if (store.hasUnwritten()) {
            throw new IllegalStateException("pending numbers held in memory would be missing from checkpoint "
                    + context.getCheckpointId() + ": run ComplementMatchFunction inside ComplementMatchOperator,"
                    + " which writes them to keyed state before each snapshot");
        }
        stamps.update(List.of(stamp().packed()));
    }

    private PendingStateStamp stamp() {
        return new PendingStateStamp(KeyedStatePendingStore.LAYOUT, pairSum);
    }

    /** The layout of the state this function was restored from; its own when it started without. */
    int restoredLayout() {
        return restoredLayout;
    }

    KeyGroupClassKeys keys() {
        return keys;
    }

    /**
     * Writes what the store holds in memory to keyed state.
     *
     * @param makeCurrent makes a class's key Flink's current key
     */
    void writePending(IntConsumer makeCurrent) {
        store.writeOut(makeCurrent);
    }

    @Override
    public void open(OpenContext openContext) {
        PipelineMeter meter = FlinkMetricBinding.meter(getRuntimeContext().getMetricGroup(), PipelineMetric.Step.MATCHING);
        rules = new PairingRules(pairSum);
        store = new KeyedStatePendingStore(getRuntimeContext());
        matcher = new ComplementMatcher(rules, new PendingLimits(maxPendingPerClass, ttlMillis), meter.pending(store));
        expiryTimer = getRuntimeContext().getState(EXPIRY_TIMER);
        outputs = new Outputs(meter);
    }

    @Override
    public void processElement(Either<SourceEvent, DeadLetterRecord> classified, Context ctx, Collector<Outgoing> out)
            throws Exception {
        if (classified.isRight()) {
            out.collect(Outgoing.of(classified.right()));
            return;
        }
        SourceEvent event = classified.left();
        outputs.to(out);
        matcher.onEvent(event, outputs);
        if (ttlMillis != 0) {
            scheduleExpiry(rules.complementClass(event.value()), ctx.timerService());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Outgoing> out) throws Exception {
        int complementClass = keys.classOf(ctx.getCurrentKey());
        if (complementClass < 0) {
            throw new IllegalStateException("a timer fired for key " + ctx.getCurrentKey() + ", which is no class's"
                    + " key at pairSum " + pairSum);
        }
        expiryTimer.clear();
        outputs.to(out);
        // the watermark, not the timer's time: it may have passed several heads' expiries at once
        matcher.expire(complementClass, ctx.timerService().currentWatermark(), outputs);
        scheduleExpiry(complementClass, ctx.timerService());
    }

    /** Keeps exactly one timer per class, at its oldest event's expiry; none when nothing can expire. */
    private void scheduleExpiry(int complementClass, TimerService timers) throws Exception {
        long next = matcher.nextExpiry(complementClass);
        Long registered = expiryTimer.value();
        if (registered != null && registered == next) {
            return;
        }
        if (registered != null) {
            timers.deleteEventTimeTimer(registered);
        }
        if (next < 0) {
            expiryTimer.clear();
        } else {
            timers.registerEventTimeTimer(next);
            expiryTimer.update(next);
        }
    }

    /**
     * Forwards the matcher's decisions to the current call's output; one instance for all calls. The
     * one place each pair and each unpaired number leaves the matcher.
     */
    private static final class Outputs implements MatchListener {
        private final PipelineMeter meter;
        private Collector<Outgoing> out;

        Outputs(PipelineMeter meter) {
            this.meter = meter;
        }

        void to(Collector<Outgoing> collector) {
            this.out = collector;
        }

        @Override
        public void onPair(Pair pair) {
            meter.paired();
            out.collect(Outgoing.of(pair));
        }

        @Override
        public void onUnpaired(Unpaired unpaired) {
            meter.unpaired(unpaired.reason());
            out.collect(Outgoing.of(unpaired));
        }
    }
}
