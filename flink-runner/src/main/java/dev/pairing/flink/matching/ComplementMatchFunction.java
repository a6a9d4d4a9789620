package dev.pairing.flink.matching;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.ComplementMatcher;
import dev.pairing.core.matching.MatchListener;
import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.core.matching.PendingStateStamp;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.flink.metrics.FlinkMetricBinding;
import dev.pairing.runtime.metrics.PipelineMeter;
import dev.pairing.runtime.metrics.PipelineMetric;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Runs the core's matcher for one complement class (the key) on keyed state. Pairs are the main
 * output; numbers that leave without a partner go to {@link #UNPAIRED}. Every decision is the
 * matcher's: this class only connects it to Flink's state, timers and outputs.
 *
 * <p>With a TTL, the matcher expires lazily when its class receives an event (at that event's
 * timestamp). A class that stops receiving events gets an event-time timer at its next expiry
 * instead; when the watermark passes it, everything the watermark has expired leaves. Event time,
 * never processing time: replaying the same input gives the same output.
 *
 * <p>Every checkpoint and savepoint carries the {@link PendingStateStamp} (pairSum and state layout)
 * in union operator state; restoring one with another stamp fails the job without restarts.
 */
public final class ComplementMatchFunction extends KeyedProcessFunction<Integer, SourceEvent, Pair>
        implements CheckpointedFunction {

    public static final OutputTag<Unpaired> UNPAIRED =
            new OutputTag<>("unpaired", TypeInformation.of(Unpaired.class));

    /** The event-time timer currently registered for the class, if any. */
    static final ValueStateDescriptor<Long> EXPIRY_TIMER = new ValueStateDescriptor<>("expiry-timer", Types.LONG);

    /** The stamp of the state, as {@link PendingStateStamp#packed()}; every subtask's copy on restore. */
    static final ListStateDescriptor<Long> STAMP = new ListStateDescriptor<>("pending-state-stamp", Types.LONG);

    private final int pairSum;
    private final long maxPendingPerClass;
    private final long ttlMillis;
    private transient ComplementMatcher matcher;
    private transient ValueState<Long> expiryTimer;
    private transient Outputs outputs;
    private transient ListState<Long> stamps;

    public ComplementMatchFunction(int pairSum, PendingLimits limits) {
        this.pairSum = pairSum;
        this.maxPendingPerClass = limits.maxPendingPerClass();
        this.ttlMillis = limits.ttlMillis();
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        stamps = context.getOperatorStateStore().getUnionListState(STAMP);
        PendingStateStamp current = stamp();
        // state from before stamps were kept has none: its pairSum cannot be known, so it is taken as it is
        for (Long packed : stamps.get()) {
            PendingStateStamp stored = PendingStateStamp.fromPacked(packed);
            String mismatch = current.mismatch(stored);
            if (mismatch != null) {
                // no restart can make the state fit: fail the job for good instead of restarting it forever
                throw new SuppressRestartsException(new IllegalStateException(mismatch + ". To continue this state,"
                        + " submit the job with --pairSum " + stored.pairSum() + " (and the version that wrote it);"
                        + " to start over with --pairSum " + pairSum + ", submit it without this savepoint or"
                        + " checkpoint, and with a new --groupId to read the raw topic from the start"));
            }
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        stamps.update(List.of(stamp().packed()));
    }

    private PendingStateStamp stamp() {
        return new PendingStateStamp(KeyedStatePendingStore.LAYOUT, pairSum);
    }

    @Override
    public void open(OpenContext openContext) {
        PipelineMeter meter = FlinkMetricBinding.meter(getRuntimeContext().getMetricGroup(), PipelineMetric.Step.MATCHING);
        matcher = new ComplementMatcher(new PairingRules(pairSum),
                new PendingLimits(maxPendingPerClass, ttlMillis),
                meter.pending(new KeyedStatePendingStore(getRuntimeContext())));
        expiryTimer = getRuntimeContext().getState(EXPIRY_TIMER);
        outputs = new Outputs(meter);
    }

    @Override
    public void processElement(SourceEvent event, Context ctx, Collector<Pair> out) throws Exception {
        outputs.to(ctx, out);
        matcher.onEvent(event, outputs);
        scheduleExpiry(ctx.getCurrentKey(), ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Pair> out) throws Exception {
        expiryTimer.clear();
        outputs.to(ctx, out);
        // the watermark, not the timer's time: it may have passed several heads' expiries at once
        matcher.expire(ctx.getCurrentKey(), ctx.timerService().currentWatermark(), outputs);
        scheduleExpiry(ctx.getCurrentKey(), ctx.timerService());
    }

    /** Keeps exactly one timer per class, at its oldest event's expiry; none when nothing can expire. */
    private void scheduleExpiry(int complementClass, TimerService timers) throws Exception {
        if (ttlMillis == 0) {
            return;
        }
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

    /** Forwards the matcher's decisions to the current call's outputs; one instance, no per-event garbage. */
    private static final class Outputs implements MatchListener {
        private final PipelineMeter meter;
        private KeyedProcessFunction<Integer, SourceEvent, Pair>.Context ctx;
        private Collector<Pair> out;

        Outputs(PipelineMeter meter) {
            this.meter = meter;
        }

        void to(KeyedProcessFunction<Integer, SourceEvent, Pair>.Context context, Collector<Pair> collector) {
            this.ctx = context;
            this.out = collector;
        }

        @Override
        public void onPair(Pair pair) {
            meter.paired();
            out.collect(pair);
        }

        @Override
        public void onUnpaired(Unpaired unpaired) {
            meter.unpaired(unpaired.reason());
            ctx.output(UNPAIRED, unpaired);
        }
    }
}
