package dev.pairing.streams.classify;

import dev.pairing.core.PairingRules;
import dev.pairing.runtime.OutputRecord;
import dev.pairing.runtime.OutputRecords;
import dev.pairing.runtime.metrics.MetricBinding;
import dev.pairing.runtime.metrics.PipelineMeter;
import dev.pairing.runtime.metrics.PipelineMetric;
import dev.pairing.schemas.deadletter.DeadLetter;
import dev.pairing.schemas.registry.RegistrySettings;
import dev.pairing.schemas.triage.RawRecordTriage;
import dev.pairing.streams.metrics.StreamsMetricBinding;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Where every raw record enters: decoded and validated by the core's triage, a rejected one written
 * to the dead-letter sink here, a valid one handed back with its class. Nothing here throws on bad
 * input: the codec never does, so a null, empty or megabyte-sized garbage value becomes a dead letter
 * like any other. The one exception is a schema registry that stays unreachable (Confluent-framed
 * input): it stops the stream thread, and so the application, before the record's offset is
 * committed, so the record is read again after a restart instead of being dead-lettered for the
 * registry's fault.
 *
 * <p>Valid numbers carry the raw topic's partition, offset and timestamp: the provenance must survive
 * the repartition topic, whose own coordinates mean nothing to a reader of the output. Dead letters
 * keep the raw key and value and get exactly the dead-letter headers (the raw record's own headers
 * are dropped, as the contract says), cut to fit the dead-letter topic ({@link OutputRecords#deadLetter}):
 * a send the broker refuses would stop the application, and under exactly-once it must not be skipped.
 *
 * <p>One per processor instance, i.e. per task: the triage is not thread-safe.
 */
public final class RawIntake {

    private final PairingRules rules;
    private final String rawTopic;
    private final int deadLetterLimit;
    private final Optional<RegistrySettings> registry;
    private final String deadLetterSink;
    private RawRecordTriage triage;
    private PipelineMeter meter;
    private MetricBinding.Registration registryRequests;

    /**
     * @param deadLetterSink the name of the sink node dead letters are forwarded to
     */
    public RawIntake(PairingRules rules, String rawTopic, int deadLetterLimit, Optional<RegistrySettings> registry,
            String deadLetterSink) {
        this.rules = rules;
        this.rawTopic = rawTopic;
        this.deadLetterLimit = deadLetterLimit;
        this.registry = registry;
        this.deadLetterSink = deadLetterSink;
    }

    /**
     * Called from the processor's init.
     *
     * @param context the reading processor's context, which binds the metrics to its stream thread
     */
    public void init(ProcessorContext<byte[], Object> context) {
        triage = new RawRecordTriage(rules, rawTopic, registry);
        meter = StreamsMetricBinding.meter(context, PipelineMetric.Step.TRIAGE, PipelineMetric.Step.DEAD_LETTERS);
        registryRequests = meter.registryRequests(registry);
    }

    /** Called from the processor's close. */
    public void close() {
        if (registryRequests != null) {
            registryRequests.close();
        }
    }

    /**
     * Reads one raw record.
     *
     * @param record  the raw record
     * @param context the reading processor's context, whose children include the dead-letter sink
     * @return the valid number and its class, or null when the record went to the dead-letter sink
     */
    public RawRecordTriage.Valid admit(Record<byte[], byte[]> record, ProcessorContext<byte[], Object> context) {
        RecordMetadata raw = context.recordMetadata().orElseThrow(
                () -> new IllegalStateException("a raw record without topic metadata"));
        meter.recordRead();
        RawRecordTriage.Outcome outcome = triage.triage(record.value(), raw.partition(), raw.offset(), record.timestamp());
        if (outcome instanceof RawRecordTriage.Valid valid) {
            return valid;
        }
        DeadLetter letter = ((RawRecordTriage.Rejected) outcome).letter();
        OutputRecord out = OutputRecords.deadLetter(record.key(), record.value(), letter, deadLetterLimit);
        meter.deadLettered(letter, out);
        context.forward(new Record<>(out.key(), out.value(), out.timestamp(), headers(out)), deadLetterSink);
        return null;
    }

    private static Headers headers(OutputRecord letter) {
        Headers headers = new RecordHeaders();
        for (DeadLetter.Header header : letter.headers()) {
            headers.add(header.name(), header.value());
        }
        return headers;
    }
}
