package dev.pairing.schemas.registry;

import dev.pairing.schemas.codec.OutputEncoding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a runner does with its schema registry before it starts, the same on every engine: checks
 * that the URL answers like Confluent's API (a wrong one fails here, in one line, rather than as
 * records nobody can read), then finds the output's schema ids when the output is Confluent-framed.
 */
public final class RegistryStartup {

    /** What start-up found: the output encoding to run with, and lines for the log. */
    public record Prepared(OutputEncoding output, List<String> log) {}

    private RegistryStartup() {}

    /**
     * @param registry the runner's registry, if it has one
     * @param output   the output encoding asked for (Confluent's, ids unknown, needs a registry)
     * @throws RegistryRefusedException    when the URL is not the API, or the registry refuses or lacks an output schema
     * @throws RegistryUnavailableException when it cannot be asked within its budget, or refuses the credentials
     */
    public static Prepared prepare(Optional<RegistrySettings> registry, OutputEncoding output, String enrichedTopic,
            String unpairedTopic) {
        List<String> log = new ArrayList<>();
        if (registry.isEmpty()) {
            return new Prepared(output, log);
        }
        SchemaRegistryClient client = SchemaRegistryClient.shared(registry.get());
        client.checkConfluentApi();
        log.add("schema registry " + registry.get() + " answers Confluent's API");
        if (!output.needsRegistration()) {
            return new Prepared(output, log);
        }
        OutputEncoding found = OutputSubjects.register(client, enrichedTopic, unpairedTopic);
        log.add(OutputSubjects.describe(registry.get(), found, enrichedTopic, unpairedTopic));
        return new Prepared(found, log);
    }
}
