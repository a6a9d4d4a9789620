package dev.pairing.runtime.metrics;

import dev.pairing.core.matching.PendingStore;
import dev.pairing.core.matching.UnpairedReason;
import dev.pairing.core.validation.RejectReason;
import dev.pairing.runtime.OutputRecord;
import dev.pairing.schemas.deadletter.DeadLetter;
import dev.pairing.schemas.deadletter.DeadLetterHeaders;
import dev.pairing.schemas.registry.RegistryRequests;
import dev.pairing.schemas.registry.RegistrySettings;
import dev.pairing.schemas.registry.SchemaRegistryClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * What a runner tells about its work, one call per outcome: a raw record read, a pair, a dead letter
 * (with its reason, and whether it was cut to fit), an unpaired number, a registry request, a lost
 * transaction, and the pending state the matcher keeps. Which metric and which label each outcome
 * counts under is decided here, once, for both engines; a runner only binds the metrics to its
 * engine ({@link MetricBinding}) and calls these methods where the outcome happens.
 *
 * <p>The series of the steps a stage performs are registered when the meter is made, every label
 * value at 0, so that rates and dashboards have data before the first event. One meter per engine
 * task or subtask; it is as thread-safe as its binding's counters.
 */
public final class PipelineMeter {

    private final MetricBinding binding;
    private final MetricBinding.Count[] unlabelled = new MetricBinding.Count[PipelineMetric.values().length];
    private final MetricBinding.Count[] deadLetters = new MetricBinding.Count[RejectReason.values().length];
    private final MetricBinding.Count[] unpaired = new MetricBinding.Count[UnpairedReason.values().length];
    /**
     * Which meter reports each registry client's requests: a client serves the whole process, so one
     * meter of the process reports its counts, or every task would report them again.
     */
    /** Who reports each registry client's requests (or, under {@link #NO_REGISTRY}, the zeros of none). */
    private static final Map<Object, PipelineMeter> REGISTRY_REPORTERS = new ConcurrentHashMap<>();
    private static final Object NO_REGISTRY = new Object();

    /**
     * A meter on an engine's metric system.
     *
     * @param binding the engine's registration of the metrics
     * @param steps   the steps the calling stage performs: their series are registered now
     */
    public PipelineMeter(MetricBinding binding, PipelineMetric.Step... steps) {
        this.binding = binding;
        for (PipelineMetric.Step step : steps) {
            for (PipelineMetric metric : step.metrics()) {
                register(metric);
            }
        }
    }

    /** A meter that registers nothing, for stages built without metrics. */
    public static PipelineMeter none() {
        return new PipelineMeter(MetricBinding.NONE);
    }

    /** A raw record was read and triaged. */
    public void recordRead() {
        count(PipelineMetric.RECORDS).increment();
    }

    /** A pair went to the enriched topic's sink. */
    public void paired() {
        count(PipelineMetric.PAIRS).increment();
    }

    /**
     * A dead letter went to the dead-letter topic's sink.
     *
     * @param letter  why the raw record was rejected
     * @param written the record written, which says whether it was cut to fit
     */
    public void deadLettered(DeadLetter letter, OutputRecord written) {
        deadLetter(letter.reason()).increment();
        if (truncated(written)) {
            count(PipelineMetric.DEAD_LETTERS_TRUNCATED).increment();
        }
    }

    /** A number left pending state without a partner and went to the unpaired topic's sink. */
    public void unpaired(UnpairedReason reason) {
        MetricBinding.Count count = unpaired[reason.ordinal()];
        if (count == null) {
            count = binding.counter(PipelineMetric.UNPAIRED, reason.name());
            unpaired[reason.ordinal()] = count;
        }
        count.increment();
    }

    /** A transaction of a completed checkpoint could no longer be committed (Flink's sinks). */
    public void lostTransaction() {
        count(PipelineMetric.LOST_TRANSACTIONS).increment();
    }

    /**
     * Reports the process's requests to the raw records' registry, by outcome, unless another meter of
     * the process already does; the requests are counted by the shared client, whichever thread sent
     * them (a task, a background prefetch).
     *
     * @param registry the registry of Confluent-framed raw records, if any
     * @return close it when the stage closes: another meter may then take the reporting over
     */
    public MetricBinding.Registration registryRequests(Optional<RegistrySettings> registry) {
        // a pipeline without a registry reports zero requests: its series exist, as a counter's should
        // from the start, so a dashboard or an alert reads 0 rather than no data
        Optional<SchemaRegistryClient> client = registry.map(SchemaRegistryClient::shared);
        Object key = client.isPresent() ? client.get() : NO_REGISTRY;
        if (REGISTRY_REPORTERS.putIfAbsent(key, this) != null) {
            return () -> { };
        }
        List<MetricBinding.Registration> gauges = new ArrayList<>();
        for (RegistryRequests.Outcome outcome : RegistryRequests.Outcome.values()) {
            gauges.add(binding.gauge(PipelineMetric.REGISTRY_REQUESTS, outcome.name(),
                    () -> client.map(c -> c.requests().count(outcome)).orElse(0L)));
        }
        return () -> {
            gauges.forEach(MetricBinding.Registration::close);
            REGISTRY_REPORTERS.remove(key, this);
        };
    }

    /**
     * The matcher's pending store, watched: each class that holds numbers gets its
     * {@link PipelineMetric#PENDING} and {@link PipelineMetric#PENDING_OLDEST_AGE} series, read from
     * what the matcher saves and reads, by the wall clock.
     *
     * @param store the store the matcher is to use
     * @return the store to give the matcher instead; close it when the task gives the state up
     */
    public PendingTally pending(PendingStore store) {
        return new PendingTally(store, binding, System::currentTimeMillis);
    }

    /** As {@link #pending(PendingStore)}, with the clock the ages are measured by. */
    public PendingTally pending(PendingStore store, LongSupplier clock) {
        return new PendingTally(store, binding, clock);
    }

    private MetricBinding.Count deadLetter(RejectReason reason) {
        MetricBinding.Count count = deadLetters[reason.ordinal()];
        if (count == null) {
            count = binding.counter(PipelineMetric.DEAD_LETTERS, reason.name());
            deadLetters[reason.ordinal()] = count;
        }
        return count;
    }

    private MetricBinding.Count count(PipelineMetric metric) {
        MetricBinding.Count count = unlabelled[metric.ordinal()];
        if (count == null) {
            count = binding.counter(metric, null);
            unlabelled[metric.ordinal()] = count;
        }
        return count;
    }

    private void register(PipelineMetric metric) {
        if (metric.type() != PipelineMetric.Type.COUNTER) {
            return; // gauges come with the state they read (pending)
        }
        switch (metric) {
            case DEAD_LETTERS -> {
                for (RejectReason reason : RejectReason.values()) {
                    deadLetter(reason);
                }
            }
            case UNPAIRED -> {
                for (UnpairedReason reason : UnpairedReason.values()) {
                    unpaired[reason.ordinal()] = binding.counter(metric, reason.name());
                }
            }
            case REGISTRY_REQUESTS -> {
                // the process's, read from the shared client: see registryRequests
            }
            default -> count(metric);
        }
    }

    private static boolean truncated(OutputRecord written) {
        for (DeadLetter.Header header : written.headers()) {
            if (header.name().equals(DeadLetterHeaders.TRUNCATED)) {
                return true;
            }
        }
        return false;
    }
}
