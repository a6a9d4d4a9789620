package dev.pairing.verify;

import dev.pairing.core.matching.PendingLimits;
import dev.pairing.schemas.codec.OutputReader;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.schemas.registry.RegistrySettings;
import dev.pairing.schemas.registry.SchemaRegistryClient;

/**
 * What to check: the pipeline's topics and the settings its runner used (the oracle needs the
 * same pairSum and limits to recompute the same pairs).
 *
 * @param unpairedTopic null when the pipeline writes no unpaired topic
 * @param registry      the schema registry of Confluent-framed raw records, or null when there are none
 */
public record VerifyConfig(int pairSum, String rawTopic, String enrichedTopic, String dlqTopic,
        String unpairedTopic, PendingLimits limits, long maxRecords, RegistrySettings registry) {

    public VerifyConfig(int pairSum, String rawTopic, String enrichedTopic, String dlqTopic, String unpairedTopic,
            PendingLimits limits, long maxRecords) {
        this(pairSum, rawTopic, enrichedTopic, dlqTopic, unpairedTopic, limits, maxRecords, null);
    }

    public static final long DEFAULT_MAX_RECORDS = 50_000_000L;

    public static VerifyConfig defaults(String rawTopic, String enrichedTopic, String dlqTopic, String unpairedTopic) {
        return new VerifyConfig(12, rawTopic, enrichedTopic, dlqTopic, unpairedTopic, PendingLimits.DEFAULT,
                DEFAULT_MAX_RECORDS);
    }

    public VerifyConfig withRegistry(RegistrySettings newRegistry) {
        return new VerifyConfig(pairSum, rawTopic, enrichedTopic, dlqTopic, unpairedTopic, limits, maxRecords,
                newRegistry);
    }

    /** Reads pairs and unpaired records in either output format. */
    public OutputReader outputReader() {
        return new OutputReader(registry == null ? null : SchemaRegistryClient.shared(registry));
    }

    /** A codec that reads raw values as the runners do, Confluent's wire format included when there is a registry. */
    public RawValueCodec rawCodec() {
        return registry == null ? new RawValueCodec() : new RawValueCodec(SchemaRegistryClient.shared(registry));
    }
}
