package dev.pairing.schemas.triage;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says loudly that raw records need a schema registry the runner was not given: at the first such
 * record of the process, then at most once per interval with how many came since and how fast.
 * A pipeline that dead-letters all its input this way still looks healthy from outside; this is
 * what an operator reads in its log instead.
 *
 * <p>Thread-safe: every task of a process shares {@link #PROCESS}.
 */
final class RegistryRequiredWarning {

    private static final Logger LOG = LoggerFactory.getLogger(RawRecordTriage.class);
    static final Duration INTERVAL = Duration.ofMinutes(1);
    static final RegistryRequiredWarning PROCESS = new RegistryRequiredWarning(Clock.systemUTC(), INTERVAL, LOG::warn);

    private final Clock clock;
    private final Duration interval;
    private final Consumer<String> log;
    private long total;
    private long sinceLast;
    private long lastAt;

    RegistryRequiredWarning(Clock clock, Duration interval, Consumer<String> log) {
        this.clock = clock;
        this.interval = interval;
        this.log = log;
    }

    synchronized void record(String topic, int schemaId) {
        long now = clock.millis();
        total++;
        sinceLast++;
        if (total == 1) {
            log.accept("Records on " + topic + " are in Confluent's wire format (the first names schema id " + schemaId
                    + "), but this runner has no schema registry: each goes to the dead-letter topic as"
                    + " SCHEMA_REGISTRY_REQUIRED, with its schema id in the pairing.dlq.schema.id header. Restart it"
                    + " with --schemaRegistry URL (schema.registry.url) to read them; the dead letters keep the"
                    + " records' bytes for a replay.");
            lastAt = now;
            sinceLast = 0;
            return;
        }
        long elapsed = now - lastAt;
        if (elapsed >= interval.toMillis()) {
            log.accept(sinceLast + " more records in Confluent's wire format dead-lettered as SCHEMA_REGISTRY_REQUIRED"
                    + " in the last " + Math.round(elapsed / 1000.0) + " s (" + String.format(java.util.Locale.ROOT,
                    "%.1f", sinceLast * 1000.0 / elapsed) + "/s, " + total + " since start): the runner has no"
                    + " schema registry (--schemaRegistry)");
            lastAt = now;
            sinceLast = 0;
        }
    }

    synchronized long total() {
        return total;
    }
}
