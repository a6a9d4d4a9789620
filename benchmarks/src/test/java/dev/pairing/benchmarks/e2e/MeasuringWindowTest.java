package dev.pairing.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MeasuringWindowTest {

    @Test
    void aBaselineWindowUnderThirtySecondsIsWarnedAboutWithTheEventsThatWouldGiveThirty() {
        // the last 8,000,000-event run: the baseline drained at 828,492 events/s, about 9.7 s
        assertThat(MeasuringWindow.check("baseline", 9.7, 828_492, 8_000_000)).hasValueSatisfying(w -> assertThat(w)
                .startsWith("WARNING: baseline's measuring window was only 9.7 s (under 30 s)")
                .contains("every ratio to it").contains("--events 29900000").contains("about 36 s"));
    }

    @Test
    void thirtySecondsOrMoreIsNoWarning() {
        assertThat(MeasuringWindow.check("baseline", 30.0, 828_492, 40_000_000)).isEmpty();
        assertThat(MeasuringWindow.check("streams", 120, 300_000, 40_000_000)).isEmpty();
    }

    @Test
    void aNaNWindowIsNoWarning() {
        assertThat(MeasuringWindow.check("streams", Double.NaN, 40_000, 2_000_000)).isEmpty();
    }

    @Test
    void theSuggestionIsThirtySecondsAndAFifthAtTheRateRoundedUpAndNeverBelowWhatRan() {
        assertThat(MeasuringWindow.eventsFor(200_000, 100_000)).isEqualTo(7_200_000);
        assertThat(MeasuringWindow.eventsFor(231_225, 100_000)).isEqualTo(8_400_000);
        assertThat(MeasuringWindow.eventsFor(10_000, 30_000_000)).isEqualTo(30_000_000);
    }

    @Test
    void aRunWithoutARateIsToldToRunMoreEventsWithoutAMadeUpCount() {
        assertThat(MeasuringWindow.check("baseline", 0.0, Double.NaN, 100_000)).hasValueSatisfying(w -> assertThat(w)
                .startsWith("WARNING: baseline's output became visible in one commit, so it has no rate (nor any ratio")
                .endsWith("use a larger --events than 100000"));
    }
}
