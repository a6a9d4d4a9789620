package dev.pairing.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RssSamplerTest {

    @Test
    void readsVmRssInKilobytes() {
        String status = "Name:\tjava\nVmPeak:\t 9999999 kB\nVmRSS:\t  612344 kB\nRssAnon:\t 500000 kB\n";

        assertThat(RssSampler.vmRssKb(status)).hasValue(612_344);
        assertThat(RssSampler.vmRssKb("Name:\tzombie\nState:\tZ (zombie)\n")).isEmpty();
    }

    @Test
    void samplesARealProcessAndSkipsOneThatIsGone() {
        long self = ProcessHandle.current().pid();

        MemoryPeak peak = RssSampler.start(Map.of("this JVM", self, "gone", Long.MAX_VALUE)).stop();

        assertThat(peak.peakKbByProcess()).containsOnlyKeys("this JVM");
        assertThat(peak.peakKbByProcess().get("this JVM")).isGreaterThan(10_000);
        assertThat(peak.samples()).isGreaterThanOrEqualTo(2);
    }
}
