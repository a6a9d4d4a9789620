package dev.pairing.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValueWhateverTheOrder() {
        Spread s = Spread.of(List.of(9.0, 1.0, 5.0));

        assertThat(s.median()).isEqualTo(5.0);
        assertThat(s.min()).isEqualTo(1.0);
        assertThat(s.max()).isEqualTo(9.0);
        assertThat(s.count()).isEqualTo(3);
        assertThat(s.relativeRange()).isEqualTo(8.0 / 5.0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Spread.of(List.of(4.0, 1.0, 3.0, 100.0)).median()).isEqualTo(3.5);
        assertThat(Spread.of(List.of(2.0, 4.0)).median()).isEqualTo(3.0);
    }

    @Test
    void aMissingMeasurementIsLeftOutAndNoneAtAllIsNaN() {
        assertThat(Spread.of(List.of(Double.NaN, 2.0)).median()).isEqualTo(2.0);
        assertThat(Spread.of(List.of()).median()).isNaN();
        assertThat(Spread.of(List.of()).count()).isZero();
    }
}
