package dev.pairing.verify;

import dev.pairing.core.matching.PendingLimits;
import dev.pairing.runtime.PipelineSpec;
import dev.pairing.schemas.codec.OutputReader;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.schemas.registry.SchemaRegistryClient;

/**
 * What to check: the pipeline as its runner ran it (the oracle needs the same pairSum and limits to
 * recompute the same pairs, and the same registry to read the same records), and how much verify
 * may hold in memory.
 *
 * @param pipeline   the pipeline's spec, from the same flags the runner took
 * @param maxRecords stop when the topics need more heap than this many raw records
 */
public record VerifyConfig(PipelineSpec pipeline, long maxRecords) {

    public static final long DEFAULT_MAX_RECORDS = 50_000_000L;

    /** The pipeline, checked within the default memory bound. */
    public static VerifyConfig of(PipelineSpec pipeline) {
        return new VerifyConfig(pipeline, DEFAULT_MAX_RECORDS);
    }

    public int pairSum() {
        return pipeline.pairSum();
    }

    public PendingLimits limits() {
        return pipeline.limits();
    }

    public String rawTopic() {
        return pipeline.rawTopic();
    }

    public String enrichedTopic() {
        return pipeline.enrichedTopic();
    }

    public String deadLetterTopic() {
        return pipeline.deadLetterTopic();
    }

    public String unpairedTopic() {
        return pipeline.unpairedTopic();
    }

    /** Reads pairs and unpaired records in either output format. */
    public OutputReader outputReader() {
        return new OutputReader(pipeline.registry().map(SchemaRegistryClient::shared).orElse(null));
    }

    /** A codec that reads raw values as the runners do, Confluent's wire format included when there is a registry. */
    public RawValueCodec rawCodec() {
        return pipeline.registry().map(r -> new RawValueCodec(SchemaRegistryClient.shared(r))).orElseGet(RawValueCodec::new);
    }
}
