package dev.pairing.flink;

import dev.pairing.schemas.registry.RegistryRefusedException;
import dev.pairing.schemas.registry.RegistryStartup;
import dev.pairing.schemas.registry.RegistryUnavailableException;
import java.io.PrintStream;

/**
 * The registry checked in the client before the job is submitted ({@link RegistryStartup}); with
 * {@code --outputFormat confluent} the output schemas' ids found there, so the ids travel with the job
 * and every TaskManager, restart and rescale writes the same ones. A registry that refuses or lacks a
 * schema stops the submission.
 */
public final class OutputRegistration {

    private OutputRegistration() {}

    public static PairingJobConfig register(PairingJobConfig config) {
        return register(config, System.out);
    }

    private static PairingJobConfig register(PairingJobConfig config, PrintStream out) {
        RegistryStartup.Prepared registry = RegistryStartup.prepare(config.registry(), config.output(),
                config.enrichedTopic(), config.unpairedTopic());
        registry.log().forEach(out::println);
        return registry.output() == config.output() ? config : config.withOutput(registry.output());
    }

    static PairingJobConfig registerOrExit(PairingJobConfig config, PrintStream out) {
        try {
            return register(config, out);
        } catch (RegistryRefusedException | RegistryUnavailableException e) {
            System.err.println("cannot start: " + e.getMessage());
            System.exit(1);
            return null; // unreachable
        }
    }
}
