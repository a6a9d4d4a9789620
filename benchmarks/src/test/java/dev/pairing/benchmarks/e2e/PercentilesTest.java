package dev.pairing.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOverUnsortedSamples() {
        long[] samples = new long[1000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = samples.length - i; // 1000 .. 1
        }
        Percentiles p = Percentiles.of(samples, samples.length);

        assertThat(p.p50()).isEqualTo(500);
        assertThat(p.p99()).isEqualTo(990);
        assertThat(p.p999()).isEqualTo(999);
        assertThat(p.max()).isEqualTo(1000);
        assertThat(p.count()).isEqualTo(1000);
    }

    @Test
    void onlyTheFilledPartCounts() {
        long[] samples = {7, 3, 0, 0};
        Percentiles p = Percentiles.of(samples, 2);

        assertThat(p.p50()).isEqualTo(3);
        assertThat(p.p999()).isEqualTo(7);
    }

    @Test
    void noSamplesIsNotANumber() {
        assertThat(Percentiles.of(new long[0], 0).p50()).isNaN();
    }
}
