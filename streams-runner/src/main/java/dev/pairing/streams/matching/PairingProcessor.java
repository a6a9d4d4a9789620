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
import dev.pairing.runtime.StampRefusal;
import dev.pairing.runtime.metrics.PendingTally;
import dev.pairing.runtime.metrics.PipelineMeter;
import dev.pairing.runtime.metrics.PipelineMetric;
import dev.pairing.streams.metrics.StreamsMetricBinding;
import java.time.Duration;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs the core's matcher for the classes of one task, on the task's pending store, and emits its
 * decisions as encoded output records. Every decision is the matcher's; this class only translates.
 *
 * <p>The matcher expires lazily when a class receives an event. A class that stops receiving
 * events would keep its waiting numbers forever, so with a TTL a stream-time punctuator also
 * expires every class that holds anything. Stream time (the largest record timestamp the task has
 * seen), never wall-clock time: replaying the same input gives the same output.
 *
 * <p>The sweep is the one place where the output can differ from {@code PairingOracle}, which
 * expires only on arrival: when timestamps run backwards, a number swept at stream time T is gone
 * for a complement that arrives later with a timestamp before T. With timestamps that grow within
 * the task, the sweep only expires what the next arrival in that class would have expired anyway,
 * and what is left matches the oracle after {@code expireAll(streamTime)}.
 *
 * <p>The store carries the {@link PendingStateStamp} it was written with; a task whose restored store
 * says another pairSum or layout stops the application before it processes a record.
 */
public final class PairingProcessor implements Processor<byte[], SourceEvent, byte[], MatchOutcome>, MatchListener {

    /** How far stream time moves between expiry sweeps, at most; a sweep costs one range scan. */
    static final Duration MAX_SWEEP_INTERVAL = Duration.ofSeconds(1);

    private final PairingRules rules;
    private final PendingLimits limits;
    private final String storeName;
    private final OutputRecords records;
    private ProcessorContext<byte[], MatchOutcome> context;
    private KeyValuePendingStore pending;
    private ComplementMatcher matcher;
    private PipelineMeter meter;
    private PendingTally tally;
    private boolean stamped;

    public PairingProcessor(PairingRules rules, PendingLimits limits, String storeName, OutputRecords records) {
        this.rules = rules;
        this.limits = limits;
        this.storeName = storeName;
        this.records = records;
    }

    @Override
    public void init(ProcessorContext<byte[], MatchOutcome> context) {
        this.context = context;
        KeyValueStore<Bytes, byte[]> store = context.getStateStore(storeName);
        stamped = checkStamp(context, KeyValuePendingStore.stampOf(store));
        pending = new KeyValuePendingStore(store);
        meter = StreamsMetricBinding.meter(context, PipelineMetric.Step.MATCHING);
        tally = meter.pending(pending).restored(pending.classesWithPending());
        matcher = new ComplementMatcher(rules, limits, tally);
        if (limits.hasTtl()) {
            context.schedule(sweepInterval(limits), PunctuationType.STREAM_TIME, this::expireWaiting);
        }
    }

    @Override
    public void process(Record<byte[], SourceEvent> record) {
        if (!stamped) {
            // written with the first record, not in init: a changelogged store takes writes only while a record is processed
            pending.saveStamp(stamp());
            stamped = true;
        }
        matcher.onEvent(record.value(), this);
    }

    @Override
    public void onPair(Pair pair) {
        meter.paired();
        forward(MatchOutcome.Kind.PAIR, records.pair(pair));
    }

    @Override
    public void onUnpaired(Unpaired unpaired) {
        meter.unpaired(unpaired.reason());
        forward(MatchOutcome.Kind.UNPAIRED, records.unpaired(unpaired));
    }

    @Override
    public void close() {
        if (tally != null) {
            tally.close(); // the task's classes are another owner's now: its gauges go
        }
    }

    private void forward(MatchOutcome.Kind kind, OutputRecord record) {
        context.forward(new Record<>(record.key(), new MatchOutcome(kind, record.value()), record.timestamp()));
    }

    private void expireWaiting(long streamTime) {
        for (int cls : pending.classesWithPending()) {
            matcher.expire(cls, streamTime, this);
        }
    }

    /** True when the store already carries this runner's stamp; throws when it carries another. */
    private boolean checkStamp(ProcessorContext<byte[], MatchOutcome> context, PendingStateStamp stored) {
        if (stored == null) {
            return false; // a new store: every released version stamped its stores
        }
        String refusal = StampRefusal.of(stored, stamp(), "start the runner", "use a new --groupId and --stateDir,"
                + " or reset this one (kafka-streams-application-reset --application-id " + context.applicationId()
                + ", then delete the --stateDir)");
        if (refusal != null) {
            throw new IllegalStateException("task " + context.taskId() + ": " + refusal);
        }
        return true;
    }

    private PendingStateStamp stamp() {
        return new PendingStateStamp(KeyValuePendingStore.LAYOUT, rules.pairSum());
    }

    /** Often enough that expiry lags the TTL by little, rarely enough that sweeps stay cheap. */
    static Duration sweepInterval(PendingLimits limits) {
        long millis = Math.min(limits.ttlMillis(), MAX_SWEEP_INTERVAL.toMillis());
        return Duration.ofMillis(Math.max(1, millis));
    }
}
