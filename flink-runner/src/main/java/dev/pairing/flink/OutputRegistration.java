package dev.pairing.flink;

import dev.pairing.schemas.codec.OutputEncoding;
import dev.pairing.schemas.registry.OutputSubjects;
import dev.pairing.schemas.registry.RegistryRefusedException;
import dev.pairing.schemas.registry.RegistryUnavailableException;
import dev.pairing.schemas.registry.SchemaRegistryClient;
import java.io.PrintStream;

/**
 * {@code --outputFormat confluent}: the output schemas registered in the client, before the job is
 * submitted, so the ids travel with the job and every TaskManager, restart and rescale writes the
 * same ones. A registry that refuses a schema stops the submission.
 */
public final class OutputRegistration {

    private OutputRegistration() {}

    public static PairingJobConfig register(PairingJobConfig config) {
        if (!config.output().needsRegistration()) {
            return config;
        }
        OutputEncoding output = OutputSubjects.register(SchemaRegistryClient.shared(config.registry().orElseThrow()),
                config.enrichedTopic(), config.unpairedTopic());
        return config.withOutput(output);
    }

    static PairingJobConfig registerOrExit(PairingJobConfig config, PrintStream out) {
        try {
            PairingJobConfig registered = register(config);
            if (registered != config) {
                out.printf("output in Confluent's wire format: NumberPair is schema id %d under %s, UnpairedNumber %d under %s%n",
                        registered.output().pairSchemaId(), OutputSubjects.subject(config.enrichedTopic()),
                        registered.output().unpairedSchemaId(), OutputSubjects.subject(config.unpairedTopic()));
            }
            return registered;
        } catch (RegistryRefusedException | RegistryUnavailableException e) {
            System.err.println("cannot start: " + e.getMessage());
            System.exit(1);
            return null; // unreachable
        }
    }
}
