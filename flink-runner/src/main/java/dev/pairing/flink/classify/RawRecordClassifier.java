package dev.pairing.flink.classify;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.flink.matching.StateTypes;
import dev.pairing.flink.metrics.FlinkMetricBinding;
import dev.pairing.flink.source.RawRecord;
import dev.pairing.runtime.metrics.MetricBinding;
import dev.pairing.runtime.metrics.PipelineMeter;
import dev.pairing.runtime.metrics.PipelineMetric;
import dev.pairing.schemas.registry.RegistrySettings;
import dev.pairing.schemas.triage.RawRecordTriage;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;

/**
 * Triage of each raw record, Flink side: a valid number goes on as a {@link SourceEvent} carrying
 * its raw-topic provenance (left), anything else as a {@link DeadLetterRecord} with its original
 * bytes (right). Both go on in one stream, through the matcher to the job's one sink, so that one
 * producer writes every output. The decision is {@link RawRecordTriage}'s, the same as on Kafka
 * Streams; it never throws on bad input, so no record can stop the job or vanish. A schema registry that stays
 * unreachable (Confluent-framed input) fails the task instead: the job restarts from its last
 * checkpoint under its restart strategy and reads the record again, rather than dead-letter it.
 */
public final class RawRecordClassifier extends ProcessFunction<RawRecord, Either<SourceEvent, DeadLetterRecord>>
        implements ResultTypeQueryable<Either<SourceEvent, DeadLetterRecord>> {

    private final int pairSum;
    private final String rawTopic;
    private final RegistrySettings registry;
    private transient RawRecordTriage triage;
    private transient MetricBinding.Registration registryRequests;
    private transient PipelineMeter meter;

    public RawRecordClassifier(int pairSum, String rawTopic) {
        this(pairSum, rawTopic, null);
    }

    /** @param registry where Confluent-framed raw records' schemas are, or null when there are none */
    public RawRecordClassifier(int pairSum, String rawTopic, RegistrySettings registry) {
        this.pairSum = pairSum;
        this.rawTopic = rawTopic;
        this.registry = registry;
    }

    @Override
    public TypeInformation<Either<SourceEvent, DeadLetterRecord>> getProducedType() {
        return StateTypes.CLASSIFIED;
    }

    @Override
    public void open(OpenContext openContext) {
        // the triage reuses its Avro decoder: one per parallel instance, never shared
        meter = FlinkMetricBinding.meter(getRuntimeContext().getMetricGroup(), PipelineMetric.Step.TRIAGE);
        triage = new RawRecordTriage(new PairingRules(pairSum), rawTopic, Optional.ofNullable(registry));
        registryRequests = meter.registryRequests(Optional.ofNullable(registry));
    }

    @Override
    public void close() {
        if (registryRequests != null) {
            registryRequests.close();
        }
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<Either<SourceEvent, DeadLetterRecord>> out) {
        meter.recordRead();
        RawRecordTriage.Outcome outcome = triage.triage(raw.value(), raw.partition(), raw.offset(), raw.timestamp());
        if (outcome instanceof RawRecordTriage.Accepted valid) {
            out.collect(Either.Left(valid.event()));
        } else {
            // the one place a dead letter is made
            RawRecordTriage.Rejected rejected = (RawRecordTriage.Rejected) outcome;
            out.collect(Either.Right(new DeadLetterRecord(raw.key(), raw.value(), rejected.letter())));
        }
    }
}
