package dev.pairing.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.matching.PendingStateStamp;
import org.junit.jupiter.api.Test;

class StampRefusalTest {

    private static final PendingStateStamp CURRENT = new PendingStateStamp(2, 12);

    @Test
    void stateOfTheSameLayoutAndPairSumIsContinued() {
        assertThat(StampRefusal.of(new PendingStateStamp(2, 12), CURRENT, "start it", "start over")).isNull();
    }

    @Test
    void anotherPairSumIsRefusedWithBothWaysOut() {
        assertThat(StampRefusal.of(new PendingStateStamp(2, 10), CURRENT, "start the runner", "use a new --groupId"))
                .startsWith("the pending state was written with pairSum 10, but this runner has --pairSum 12")
                .contains("To continue this state, start the runner with --pairSum 10 (and the version that wrote it)")
                .endsWith("to start over with --pairSum 12, use a new --groupId");
    }

    @Test
    void aLayoutThisVersionDoesNotKnowIsRefused() {
        assertThat(StampRefusal.of(new PendingStateStamp(3, 12), CURRENT, "submit the job", "submit it fresh"))
                .startsWith("the pending state was written in state layout 3 by a newer version of the runner, but this"
                        + " version reads layout 2");
    }
}
