package dev.pairing.streams.classify;

import dev.pairing.core.PairingRules;
import dev.pairing.runtime.OutputRecord;
import dev.pairing.runtime.OutputRecords;
import dev.pairing.runtime.metrics.MetricBinding;
import dev.pairing.runtime.metrics.PipelineMeter;
import dev.pairing.runtime.metrics.PipelineMetric;
import dev.pairing.schemas.codec.ComplementClassKey;
import dev.pairing.schemas.deadletter.DeadLetter;
import dev.pairing.schemas.registry.RegistrySettings;
import dev.pairing.schemas.triage.RawRecordTriage;
import dev.pairing.streams.metrics.StreamsMetricBinding;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Decodes and validates each raw record and says where it goes. Nothing here throws on bad input:
 * the codec never does, so a null, empty or megabyte-sized garbage value becomes a dead letter like
 * any other. The one exception is a schema registry that stays unreachable (Confluent-framed input):
 * it stops the stream thread, and so the application, before the record's offset is committed, so
 * the record is read again after a restart instead of being dead-lettered for the registry's fault.
 *
 * <p>Accepted numbers leave keyed by their complement class, carrying the raw topic's partition,
 * offset and timestamp: the provenance must survive a repartition topic, whose own coordinates
 * mean nothing to a reader of the output. Rejected records keep their raw key and value and get
 * exactly the dead-letter headers (the raw record's own headers are dropped, as the contract says),
 * cut to fit the dead-letter topic ({@link OutputRecords#deadLetter}): a send the broker
 * refuses would stop the application, and under exactly-once it must not be skipped.
 */
public final class RawRecordClassifier implements Processor<byte[], byte[], byte[], Classified> {

    private final PairingRules rules;
    private final String rawTopic;
    private final int deadLetterLimit;
    private final Optional<RegistrySettings> registry;
    private ProcessorContext<byte[], Classified> context;
    private RawRecordTriage triage;
    private MetricBinding.Registration registryRequests;
    private PipelineMeter meter;

    public RawRecordClassifier(PairingRules rules, String rawTopic, int deadLetterLimit,
            Optional<RegistrySettings> registry) {
        this.rules = rules;
        this.rawTopic = rawTopic;
        this.deadLetterLimit = deadLetterLimit;
        this.registry = registry;
    }

    @Override
    public void init(ProcessorContext<byte[], Classified> context) {
        this.context = context;
        this.meter = StreamsMetricBinding.meter(context, PipelineMetric.Step.TRIAGE, PipelineMetric.Step.DEAD_LETTERS);
        this.triage = new RawRecordTriage(rules, rawTopic, registry); // not thread-safe: one per processor instance, i.e. per task
        this.registryRequests = meter.registryRequests(registry);
    }

    @Override
    public void close() {
        registryRequests.close();
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata raw = context.recordMetadata().orElseThrow(
                () -> new IllegalStateException("a raw record without topic metadata"));
        meter.recordRead();
        RawRecordTriage.Outcome outcome = triage.triage(record.value(), raw.partition(), raw.offset(), record.timestamp());
        if (outcome instanceof RawRecordTriage.Rejected rejected) {
            OutputRecord letter = OutputRecords.deadLetter(record.key(), record.value(), rejected.letter(), deadLetterLimit);
            meter.deadLettered(rejected.letter(), letter);
            context.forward(new Record<>(letter.key(), new Classified.Rejected(letter.value()), letter.timestamp(),
                    headers(letter)));
            return;
        }
        RawRecordTriage.Valid valid = (RawRecordTriage.Valid) outcome;
        context.forward(new Record<>(ComplementClassKey.encode(valid.complementClass()),
                new Classified.Accepted(valid.event()), record.timestamp(), new RecordHeaders()));
    }

    private static Headers headers(OutputRecord letter) {
        Headers headers = new RecordHeaders();
        for (DeadLetter.Header header : letter.headers()) {
            headers.add(header.name(), header.value());
        }
        return headers;
    }
}
