package dev.pairing.schemas.registry;

/**
 * Hears each HTTP request a {@link SchemaRegistryClient} sends on a caller's behalf, by how it was
 * answered: one call per attempt, retries included. Schemas by id are cached per process, so a
 * runner's requests are its cache misses. Called on the thread that asked for the schema.
 */
@FunctionalInterface
public interface RegistryRequests {

    /** How the registry answered one request. */
    enum Outcome {
        /** 2xx. */
        OK,
        /** 404: the registry has no such schema id. */
        NOT_FOUND,
        /** Another 4xx but 429 (credentials, an incompatible schema, a bad request): not retried. */
        REFUSED,
        /** 5xx, 429 or no answer at all (a connection refused, a timeout): retried with backoff. */
        FAILED
    }

    void answered(Outcome outcome);

    /** Hears nothing. */
    RegistryRequests NONE = outcome -> { };

    /** The outcome of an HTTP status. */
    static Outcome of(int status) {
        if (status / 100 == 2) {
            return Outcome.OK;
        }
        if (status == 404) {
            return Outcome.NOT_FOUND;
        }
        return status / 100 == 4 && status != 429 ? Outcome.REFUSED : Outcome.FAILED;
    }
}
