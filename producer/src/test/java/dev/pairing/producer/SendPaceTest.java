package dev.pairing.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SendPaceTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aSteadyRateSpreadsRecordsOverEachSecond() {
        SendPace pace = new SendPace(50);

        assertThat(pace.dueBy(0)).isEqualTo(1);
        assertThat(pace.dueBy(SECOND / 2)).isEqualTo(26);
        assertThat(pace.dueBy(10 * SECOND - 1)).isEqualTo(500);
        assertThat(pace.dueBy(10 * SECOND)).isEqualTo(501);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 3, 50, 1_000, 123_456.7})
    void waitingUntilTheDueInstantAlwaysReleasesTheNextRecord(double rate) {
        // if rounding left the next record not yet due at its own due instant, the sender would spin
        SendPace pace = new SendPace(rate);
        for (long sent = 0; sent < 100_000; sent += 997) {
            assertThat(pace.dueBy(pace.dueAtNanos(sent))).as("record %d", sent).isGreaterThan(sent);
            long halfInterval = (long) (SECOND / rate / 2);
            assertThat(pace.dueBy(pace.dueAtNanos(sent) - halfInterval)).as("record %d early", sent)
                    .isLessThanOrEqualTo(sent);
        }
    }

    @Test
    void zeroMeansNoLimit() {
        SendPace pace = new SendPace(0);

        assertThat(pace.unlimited()).isTrue();
        assertThat(pace.dueBy(0)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aNegativeRateIsRejected() {
        assertThatThrownBy(() -> new SendPace(-1)).hasMessageContaining("rate");
    }
}
