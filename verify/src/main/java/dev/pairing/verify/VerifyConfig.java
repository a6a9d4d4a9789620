package dev.pairing.verify;

import dev.pairing.core.matching.PendingLimits;

/**
 * What to check: the pipeline's topics and the settings its runner used (the oracle needs the
 * same pairSum and limits to recompute the same pairs).
 *
 * @param unpairedTopic null when the pipeline writes no unpaired topic
 */
public record VerifyConfig(int pairSum, String rawTopic, String enrichedTopic, String dlqTopic,
        String unpairedTopic, PendingLimits limits, long maxRecords) {

    public static final long DEFAULT_MAX_RECORDS = 50_000_000L;

    public static VerifyConfig defaults(String rawTopic, String enrichedTopic, String dlqTopic, String unpairedTopic) {
        return new VerifyConfig(12, rawTopic, enrichedTopic, dlqTopic, unpairedTopic, PendingLimits.DEFAULT,
                DEFAULT_MAX_RECORDS);
    }
}
