package dev.pairing.streams.matching;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.ComplementMatcher;
import dev.pairing.core.matching.MatchListener;
import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.core.matching.PendingStateStamp;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.runtime.OutputRecord;
import dev.pairing.runtime.OutputRecords;
import dev.pairing.runtime.metrics.PendingTally;
import dev.pairing.runtime.metrics.PipelineMeter;
import dev.pairing.runtime.metrics.PipelineMetric;
import dev.pairing.streams.metrics.StreamsMetricBinding;
import java.time.Duration;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The core's matcher for the classes of one task, on the task's pending store, its decisions
 * written to the pair and unpaired sinks. Every decision is the matcher's; this class only
 * translates. With keyed input two processors of a task feed it (the raw partition's numbers and
 * those brought by the repartition topic), so it is shared per task ({@link TaskPairings}).
 *
 * <p>The matcher expires lazily when a class receives an event. A class that stops receiving events
 * would keep its waiting numbers forever, so with a TTL a stream-time punctuator also expires every
 * class that holds anything. Stream time (the largest record timestamp the task has seen), never
 * wall-clock time: replaying the same input gives the same output.
 *
 * <p>The sweep is the one place where the output can differ from {@code PairingOracle}, which
 * expires only on arrival: when timestamps run backwards, a number swept at stream time T is gone
 * for a complement that arrives later with a timestamp before T. With timestamps that grow within
 * the task, the sweep only expires what the next arrival in that class would have expired anyway,
 * and what is left matches the oracle after {@code expireAll(streamTime)}.
 *
 * <p>The store carries the {@link StoreStamp} it was written with; a task whose restored store says
 * another pairSum, layout or placement stops the application before it processes a record.
 */
public final class TaskPairing implements MatchListener {

    /** How far stream time moves between expiry sweeps, at most; a sweep costs one range scan. */
    static final Duration MAX_SWEEP_INTERVAL = Duration.ofSeconds(1);

    private final Settings settings;
    private final StoreStamp stamp;
    private KeyValueStore<Bytes, byte[]> store;
    private KeyValuePendingStore pending;
    private PipelineMeter meter;
    private PendingTally tally;
    private ComplementMatcher matcher;
    private boolean stamped;
    /** The context of the processor whose record (or punctuation) is being matched: its children are the sinks. */
    private ProcessorContext<byte[], Object> context;

    /**
     * What a task's pairing needs.
     *
     * @param rules        the pairSum
     * @param limits       the bounds on pending state
     * @param storeName    the pending store
     * @param records      the shapes of the outputs
     * @param partitions   the raw topic's partitions, which place the classes
     * @param pairSink     the sink node pairs are forwarded to
     * @param unpairedSink the sink node unpaired numbers are forwarded to
     */
    public record Settings(PairingRules rules, PendingLimits limits, String storeName, OutputRecords records,
            int partitions, String pairSink, String unpairedSink) {}

    TaskPairing(Settings settings) {
        this.settings = settings;
        this.stamp = new StoreStamp(new PendingStateStamp(KeyValuePendingStore.LAYOUT, settings.rules().pairSum()),
                settings.partitions());
    }

    /**
     * Reads the task's store afresh, as each of the task's processors does when it starts.
     *
     * @param context the starting processor's context
     * @throws IllegalStateException when the store was written under another pairSum, layout or placement
     */
    void open(ProcessorContext<byte[], Object> context) {
        store = context.getStateStore(settings.storeName());
        StoreStamp stored = StoreStamp.of(store);
        String refusal = stamp.refusal(stored, stored == null && KeyValuePendingStore.holdsLegacyEvents(store),
                "use a new --groupId and --stateDir, or reset this one (kafka-streams-application-reset --application-id "
                        + context.applicationId() + ", then delete the --stateDir)");
        if (refusal != null) {
            throw new IllegalStateException("task " + context.taskId() + ": " + refusal);
        }
        stamped = stamp.equals(stored);
        pending = new KeyValuePendingStore(store);
        close(); // the other processor of the task opened it already: its gauges are made again
        meter = StreamsMetricBinding.meter(context, PipelineMetric.Step.MATCHING);
        tally = meter.pending(pending).restored(pending.residentClassesWithState());
        matcher = new ComplementMatcher(settings.rules(), settings.limits(), tally);
    }

    /** Withdraws the task's pending gauges: its classes are another owner's now. */
    void close() {
        if (tally != null) {
            tally.close();
            tally = null;
        }
    }

    /**
     * With a TTL, expires waiting numbers as stream time moves; called by one of the task's processors.
     *
     * @param context that processor's context, whose children are the sinks
     */
    void scheduleSweep(ProcessorContext<byte[], Object> context) {
        if (settings.limits().hasTtl()) {
            context.schedule(sweepInterval(settings.limits()), PunctuationType.STREAM_TIME,
                    streamTime -> sweep(context, streamTime));
        }
    }

    /**
     * Matches one valid number of this task's classes.
     *
     * @param event   the number and its provenance
     * @param context the processing processor's context, whose children are the sinks
     */
    void match(SourceEvent event, ProcessorContext<byte[], Object> context) {
        this.context = context;
        if (!stamped) {
            // with the first record, not at the start: a changelogged store takes writes only while a record is processed
            pending.adoptLegacyClasses();
            stamp.saveTo(store);
            stamped = true;
        }
        matcher.onEvent(event, this);
    }

    @Override
    public void onPair(Pair pair) {
        meter.paired();
        OutputRecord record = settings.records().pair(pair);
        context.forward(new Record<>(record.key(), record.value(), record.timestamp()), settings.pairSink());
    }

    @Override
    public void onUnpaired(Unpaired unpaired) {
        meter.unpaired(unpaired.reason());
        OutputRecord record = settings.records().unpaired(unpaired);
        context.forward(new Record<>(record.key(), record.value(), record.timestamp()), settings.unpairedSink());
    }

    private void sweep(ProcessorContext<byte[], Object> context, long streamTime) {
        this.context = context;
        for (int cls : pending.classesWithState()) {
            matcher.expire(cls, streamTime, this);
        }
    }

    /** Often enough that expiry lags the TTL by little, rarely enough that sweeps stay cheap. */
    static Duration sweepInterval(PendingLimits limits) {
        long millis = Math.min(limits.ttlMillis(), MAX_SWEEP_INTERVAL.toMillis());
        return Duration.ofMillis(Math.max(1, millis));
    }
}
