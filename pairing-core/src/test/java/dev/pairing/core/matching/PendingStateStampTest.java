package dev.pairing.core.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PendingStateStampTest {

    @Test
    void onlyTheSameLayoutAndPairSumContinue() {
        PendingStateStamp runner = new PendingStateStamp(1, 12);

        assertThat(runner.mismatch(new PendingStateStamp(1, 12))).isNull();
        assertThat(runner.mismatch(new PendingStateStamp(1, 10))).contains("written with pairSum 10", "--pairSum 12");
        assertThat(runner.mismatch(new PendingStateStamp(2, 12))).contains("layout 2", "reads layout 1");
    }

    @Test
    void aNewerVersionsLayoutIsRefusedSayingSo() {
        PendingStateStamp runner = new PendingStateStamp(2, 12);

        assertThat(runner.mismatch(new PendingStateStamp(3, 12))).contains("layout 3", "by a newer version",
                "reads layout 2", "run the version that wrote it");
        assertThat(runner.mismatch(new PendingStateStamp(1, 12))).contains("layout 1").doesNotContain("newer");
    }

    @Test
    void packsIntoOneLongAndBack() {
        for (PendingStateStamp stamp : new PendingStateStamp[] {new PendingStateStamp(1, 12),
                new PendingStateStamp(3, Integer.MAX_VALUE - 1), new PendingStateStamp(1, 0)}) {
            assertThat(PendingStateStamp.fromPacked(stamp.packed())).isEqualTo(stamp);
        }
    }
}
