package dev.pairing.schemas.registry;

import dev.pairing.schemas.avro.NumberPair;
import dev.pairing.schemas.avro.UnpairedNumber;
import dev.pairing.schemas.codec.OutputEncoding;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The registry ids the output is written under, found as a Confluent serializer with the same
 * settings would find them ({@link OutputSchemaPolicy}): registered under each topic's subject
 * ({@code <topic>-value} by default, or as {@code value.subject.name.strategy} says), looked up
 * without registering, or taken from the subject's latest version. Registering a schema a subject
 * already holds returns its id, so every runner against the same registry gets the same ids.
 * Whatever the registry refuses or lacks is a {@link RegistryRefusedException}: a start-up error.
 */
public final class OutputSubjects {

    private OutputSubjects() {}

    /**
     * The ids of NumberPair under the enriched topic's subject and UnpairedNumber under the unpaired topic's.
     *
     * @throws RegistryRefusedException when the registry refuses a registration, or (without
     *                                  registration) the subject holds no version this runner can write under
     */
    public static OutputEncoding register(SchemaRegistryClient registry, String enrichedTopic, String unpairedTopic) {
        int pair = idFor(registry, enrichedTopic, NumberPair.getClassSchema());
        int unpaired = idFor(registry, unpairedTopic, UnpairedNumber.getClassSchema());
        return OutputEncoding.confluent(pair, unpaired);
    }

    /** The subject the schema of this topic's records goes under. */
    public static String subject(RegistrySettings settings, String topic, Schema schema) {
        return settings.output().subjects().subject(topic, schema);
    }

    /** One line for the log: which id each output is written under, from which subject, found how. */
    public static String describe(RegistrySettings settings, OutputEncoding output, String enrichedTopic,
            String unpairedTopic) {
        return "output in Confluent's wire format (" + settings.output() + "): NumberPair is schema id "
                + output.pairSchemaId() + " under " + subject(settings, enrichedTopic, NumberPair.getClassSchema())
                + ", UnpairedNumber " + output.unpairedSchemaId() + " under "
                + subject(settings, unpairedTopic, UnpairedNumber.getClassSchema());
    }

    private static int idFor(SchemaRegistryClient registry, String topic, Schema schema) {
        OutputSchemaPolicy policy = registry.settings().output();
        String subject = policy.subjects().subject(topic, schema);
        if (policy.autoRegister()) {
            return registry.register(subject, schema.toString());
        }
        if (!policy.useLatestVersion()) {
            OptionalInt id = registry.lookup(subject, schema.toString());
            if (id.isEmpty()) {
                throw new RegistryRefusedException(404, "subject " + subject + " in the schema registry at "
                        + registry.settings().url() + " holds no version that is " + schema.getFullName()
                        + " as this runner writes it, and " + OutputSchemaPolicy.AUTO_REGISTER + "=false: register"
                        + " the runner's schema there (schemas/src/main/avro/" + schema.getName() + ".avsc), or set "
                        + OutputSchemaPolicy.USE_LATEST_VERSION + "=true to write under the latest version");
            }
            return id.getAsInt();
        }
        Optional<RegisteredSchema> latest = registry.latest(subject);
        if (latest.isEmpty()) {
            throw new RegistryRefusedException(404, "subject " + subject + " is not in the schema registry at "
                    + registry.settings().url() + " (" + OutputSchemaPolicy.USE_LATEST_VERSION + "=true, "
                    + OutputSchemaPolicy.AUTO_REGISTER + "=false): register " + schema.getFullName() + " under it");
        }
        RegisteredSchema version = latest.get();
        String why = sameEncoding(version, schema);
        if (why != null) {
            throw new RegistryRefusedException(409, "the latest version of subject " + subject + " (schema id "
                    + version.id() + ") " + why + ": this runner writes its records exactly as " + schema.getFullName()
                    + " (schemas/src/main/avro/" + schema.getName() + ".avsc), so that version must have the same"
                    + " fields in the same order (docs and defaults may differ)");
        }
        return version.id();
    }

    /**
     * Why records written with {@code ours} would not read correctly as that version, or null: its
     * Parsing Canonical Form (what fixes the binary encoding) must be ours.
     */
    private static String sameEncoding(RegisteredSchema version, Schema ours) {
        if (!version.isAvro()) {
            return "is a " + version.type() + " schema";
        }
        Schema theirs;
        try {
            theirs = new Schema.Parser().parse(version.text());
        } catch (RuntimeException e) {
            return "is not a schema Avro can parse (" + e.getMessage() + ")";
        }
        return SchemaNormalization.parsingFingerprint64(theirs) == SchemaNormalization.parsingFingerprint64(ours)
                ? null : "is " + theirs.getFullName() + " with another layout";
    }
}
