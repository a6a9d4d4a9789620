package dev.pairing.schemas.registry;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * How often a {@link SchemaRegistryClient} asked its registry, by how it was answered: one count an
 * HTTP attempt, retries included, whichever thread sent it (a runner's tasks, a background
 * prefetch). Clients are shared per process, so these are the process's requests; schemas by id are
 * cached, so they are its cache misses.
 */
public final class RegistryRequests {

    /** How the registry answered one request. */
    public enum Outcome {
        /** 2xx. */
        OK,
        /** 404: no such schema, version or subject. */
        NOT_FOUND,
        /** Another 4xx but 429 (credentials, an incompatible schema, a bad request): not retried. */
        REFUSED,
        /** 5xx, 429 or no answer at all (a connection refused, a timeout): retried with backoff. */
        FAILED
    }

    private final Map<Outcome, LongAdder> counts = new EnumMap<>(Outcome.class);

    RegistryRequests() {
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, new LongAdder());
        }
    }

    /** The outcome of an HTTP status. */
    public static Outcome of(int status) {
        if (status / 100 == 2) {
            return Outcome.OK;
        }
        if (status == 404) {
            return Outcome.NOT_FOUND;
        }
        return status / 100 == 4 && status != 429 ? Outcome.REFUSED : Outcome.FAILED;
    }

    void answered(Outcome outcome) {
        counts.get(outcome).increment();
    }

    /** The requests so far that were answered so. */
    public long count(Outcome outcome) {
        return counts.get(outcome).sum();
    }
}
