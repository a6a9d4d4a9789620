package dev.pairing.netns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessStatTest {

    @Test
    void theFieldsAreCountedAfterTheLastParenthesisOfTheName() {
        // fields 14 (utime) and 15 (stime) are 1234 and 56; the name holds spaces and parentheses
        String stat = "4242 (java (bench) x) ) T 1 4242 4242 0 -1 4194560 12345 0 3 0 1234 56 7 8 20 0 40 0 "
                + "100 8000000000 120000 18446744073709551615 1 1 0 0 0 0 16777216 4096 16 0 0 0 17 1 0 0 0 0 0\n";

        ProcessStat parsed = ProcessStat.parse(stat);

        assertThat(parsed).isEqualTo(new ProcessStat('T', 1234, 56));
        assertThat(parsed.stopped()).isTrue();
        assertThat(parsed.cpuTicks()).isEqualTo(1234 + 56);
    }

    @Test
    void thisJvmRunsAndHasUsedCpu() {
        ProcessStat self = ProcessStat.of(ProcessHandle.current().pid()).orElseThrow();

        assertThat(self.stopped()).isFalse();
        assertThat(self.state()).isIn('R', 'S');
        assertThat(self.cpuTicks()).isPositive();
    }

    @Test
    void aProcessThatIsGoneHasNoStat() {
        assertThat(ProcessStat.of(Long.MAX_VALUE)).isEmpty();
    }
}
