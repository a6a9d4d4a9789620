package dev.pairing.producer;

import dev.pairing.schemas.avro.NumberEvent;
import dev.pairing.schemas.registry.RegistrySettings;
import dev.pairing.schemas.registry.SchemaRegistryClient;
import java.io.PrintStream;
import java.util.Properties;

/**
 * What a Confluent serializer does before its first record: register the value schema under the
 * topic-name strategy's subject ({@code <topic>-value}) and write its id into every record. A
 * subject whose compatibility level refuses the schema stops the producer before it sends anything.
 */
public final class ValueSchemaRegistration {

    private ValueSchemaRegistration() {}

    /** The id of {@code NumberEvent}'s schema under {@code <topic>-value}, registering it if needed. */
    public static int register(Properties client, String topic, PrintStream out) {
        RegistrySettings registry = RegistrySettings.from(client).orElseThrow(() -> new IllegalArgumentException(
                "--format confluent needs a schema registry: --schemaRegistry URL (or schema.registry.url in --kafkaConfig)"));
        String subject = topic + "-value";
        int id = new SchemaRegistryClient(registry).register(subject, NumberEvent.getClassSchema().toString());
        out.printf("values in Confluent's wire format: NumberEvent is schema id %d under subject %s at %s%n", id,
                subject, registry);
        return id;
    }
}
