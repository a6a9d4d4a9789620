package dev.pairing.streams;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.kafka.topics.PipelineTopics;
import dev.pairing.schemas.codec.OutputEncoding;
import dev.pairing.schemas.registry.RegistrySettings;
import java.util.Objects;
import java.util.Optional;

/**
 * What the topology needs to know: the business parameters and the topic names. Plain data, so
 * the runner's main class, the tests, the parity test and the benchmark build the same topology.
 *
 * @param pairSum           numbers pair when they sum to this
 * @param limits            bounds on pending state (eviction, TTL)
 * @param rawTopic          input, any bytes
 * @param enrichedTopic     where pairs go
 * @param deadLetterTopic   where rejected records go
 * @param unpairedTopic     where evicted and expired numbers go
 * @param inputKeyedByClass the raw topic is known to be keyed by complement class (the project's
 *                          producer does that), so every class already lives in one partition and
 *                          the repartition by class can be skipped
 * @param registry          the schema registry that Confluent-framed raw records name their schemas
 *                          in, or null when the raw topic holds none
 * @param output            how pairs and unpaired records are written ({@code --outputFormat})
 */
public record PairingConfig(int pairSum, PendingLimits limits, String rawTopic, String enrichedTopic,
        String deadLetterTopic, String unpairedTopic, boolean inputKeyedByClass, RegistrySettings registry,
        OutputEncoding output) {

    /** The default raw topic, {@code raw-topic}. */
    public static final String RAW_TOPIC = PipelineTopics.RAW;
    /** The default pairs topic, {@code enriched-topic}. */
    public static final String ENRICHED_TOPIC = PipelineTopics.ENRICHED;
    /** The default dead-letter topic, {@code raw-events-dlq}. */
    public static final String DEAD_LETTER_TOPIC = PipelineTopics.DEAD_LETTERS;
    /** The default unpaired topic, {@code unpaired-topic}. */
    public static final String UNPAIRED_TOPIC = PipelineTopics.UNPAIRED;

    public PairingConfig(int pairSum, PendingLimits limits, String rawTopic, String enrichedTopic,
            String deadLetterTopic, String unpairedTopic, boolean inputKeyedByClass) {
        this(pairSum, limits, rawTopic, enrichedTopic, deadLetterTopic, unpairedTopic, inputKeyedByClass, null,
                OutputEncoding.SINGLE_OBJECT);
    }

    /**
     * Checks the values here rather than in a running task.
     *
     * @throws IllegalArgumentException for a negative pairSum or a blank topic name
     */
    public PairingConfig {
        new PairingRules(pairSum); // rejects a negative pairSum here rather than in a running task
        Objects.requireNonNull(limits, "limits");
        requireTopic(rawTopic, "raw");
        requireTopic(enrichedTopic, "enriched");
        requireTopic(deadLetterTopic, "dead-letter");
        requireTopic(unpairedTopic, "unpaired");
        Objects.requireNonNull(output, "output");
        if (output.format() == OutputEncoding.Format.CONFLUENT && registry == null) {
            throw new IllegalArgumentException("--outputFormat confluent needs a schema registry: --schemaRegistry URL");
        }
    }

    /**
     * The project's defaults: pairSum 12, default limits, default topics, repartition on.
     *
     * @return the runner's defaults, as without flags
     */
    public static PairingConfig defaults() {
        return new PairingConfig(PairingRules.DEFAULT_PAIR_SUM, PendingLimits.DEFAULT, RAW_TOPIC, ENRICHED_TOPIC,
                DEAD_LETTER_TOPIC, UNPAIRED_TOPIC, false);
    }

    /**
     * The same with another pairSum.
     *
     * @param newPairSum 0 or more
     * @return a new config
     */
    public PairingConfig withPairSum(int newPairSum) {
        return new PairingConfig(newPairSum, limits, rawTopic, enrichedTopic, deadLetterTopic, unpairedTopic,
                inputKeyedByClass, registry, output);
    }

    /**
     * The same with other limits on pending state.
     *
     * @param newLimits the limits
     * @return a new config
     */
    public PairingConfig withLimits(PendingLimits newLimits) {
        return new PairingConfig(pairSum, newLimits, rawTopic, enrichedTopic, deadLetterTopic, unpairedTopic,
                inputKeyedByClass, registry, output);
    }

    /**
     * The same with other topic names.
     *
     * @param raw        input
     * @param enriched   pairs
     * @param deadLetter rejected records
     * @param unpaired   evicted and expired numbers
     * @return a new config
     */
    public PairingConfig withTopics(String raw, String enriched, String deadLetter, String unpaired) {
        return new PairingConfig(pairSum, limits, raw, enriched, deadLetter, unpaired, inputKeyedByClass, registry, output);
    }

    /**
     * The same with the promise about the raw topic's keys changed (see the record's parameters).
     *
     * @param keyedByClass whether the raw topic is keyed by complement class
     * @return a new config
     */
    public PairingConfig withInputKeyedByClass(boolean keyedByClass) {
        return new PairingConfig(pairSum, limits, rawTopic, enrichedTopic, deadLetterTopic, unpairedTopic,
                keyedByClass, registry, output);
    }

    public PairingConfig withRegistry(RegistrySettings newRegistry) {
        return new PairingConfig(pairSum, limits, rawTopic, enrichedTopic, deadLetterTopic, unpairedTopic,
                inputKeyedByClass, newRegistry, output);
    }

    public PairingConfig withOutput(OutputEncoding newOutput) {
        return new PairingConfig(pairSum, limits, rawTopic, enrichedTopic, deadLetterTopic, unpairedTopic,
                inputKeyedByClass, registry, newOutput);
    }

    public Optional<RegistrySettings> registrySettings() {
        return Optional.ofNullable(registry);
    }

    /**
     * The pairing arithmetic for this pairSum.
     *
     * @return new rules
     */
    public PairingRules rules() {
        return new PairingRules(pairSum);
    }

    private static void requireTopic(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the " + what + " topic needs a name");
        }
    }
}
