package dev.pairing.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MeasuringWindowTest {

    @Test
    void aBaselineWindowUnderFiveSecondsIsWarnedAboutWithTheEventsThatWouldGiveFive() {
        // issue 14's run: 300,000 events drained by the baseline in about 1.3 s
        assertThat(MeasuringWindow.check("baseline", 1.3, 231_225, 300_000)).hasValueSatisfying(w -> assertThat(w)
                .startsWith("WARNING: baseline's measuring window was only 1.3 s (under 5 s)")
                .contains("every ratio to it").contains("--events 1400000"));
    }

    @Test
    void fiveSecondsOrMoreIsNoWarning() {
        assertThat(MeasuringWindow.check("baseline", 5.0, 231_225, 2_000_000)).isEmpty();
        assertThat(MeasuringWindow.check("streams", 50, 40_000, 2_000_000)).isEmpty();
    }

    @Test
    void aNaNWindowIsNoWarning() {
        assertThat(MeasuringWindow.check("streams", Double.NaN, 40_000, 2_000_000)).isEmpty();
    }

    @Test
    void theSuggestionIsFiveSecondsAndAFifthAtTheRateRoundedUpAndNeverBelowWhatRan() {
        assertThat(MeasuringWindow.eventsFor(200_000, 100_000)).isEqualTo(1_200_000);
        assertThat(MeasuringWindow.eventsFor(231_225, 100_000)).isEqualTo(1_400_000);
        assertThat(MeasuringWindow.eventsFor(10_000, 300_000)).isEqualTo(300_000);
    }
}
