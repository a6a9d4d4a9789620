package dev.pairing.schemas.registry;

import dev.pairing.schemas.avro.NumberPair;
import dev.pairing.schemas.avro.UnpairedNumber;
import dev.pairing.schemas.codec.OutputEncoding;

/**
 * Registers the output schemas under the topic-name strategy's subjects ({@code <topic>-value}),
 * as a Confluent serializer would before its first record. Registering a schema a subject already
 * holds returns its id, so every runner against the same registry gets the same ids. A subject
 * whose compatibility level refuses the schema is a {@link RegistryRefusedException}: a start-up error.
 */
public final class OutputSubjects {

    private OutputSubjects() {}

    public static OutputEncoding register(SchemaRegistryClient registry, String enrichedTopic, String unpairedTopic) {
        int pair = registry.register(subject(enrichedTopic), NumberPair.getClassSchema().toString());
        int unpaired = registry.register(subject(unpairedTopic), UnpairedNumber.getClassSchema().toString());
        return OutputEncoding.confluent(pair, unpaired);
    }

    public static String subject(String topic) {
        return topic + "-value";
    }
}
