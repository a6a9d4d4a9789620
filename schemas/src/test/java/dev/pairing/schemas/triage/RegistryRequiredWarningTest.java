package dev.pairing.schemas.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryRequiredWarningTest {

    /** A clock the test moves. */
    private static final class Hand extends Clock {
        long millis;

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void warnsAtTheFirstRecordThenAtMostOncePerIntervalWithTheCountAndRate() {
        Hand clock = new Hand();
        List<String> lines = new ArrayList<>();
        RegistryRequiredWarning warning = new RegistryRequiredWarning(clock, Duration.ofMinutes(1), lines::add);

        warning.record("raw-topic", 7);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("raw-topic", "schema id 7", "SCHEMA_REGISTRY_REQUIRED", "--schemaRegistry");

        for (int i = 0; i < 599; i++) {
            clock.millis += 100;
            warning.record("raw-topic", 7);
        }
        assertThat(lines).as("quiet within the interval").hasSize(1);
        clock.millis += 100;
        warning.record("raw-topic", 7);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("600 more records", "last 60 s", "10.0/s", "601 since start");
    }
}
