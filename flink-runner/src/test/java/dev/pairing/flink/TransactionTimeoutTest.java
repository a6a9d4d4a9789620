package dev.pairing.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransactionTimeoutTest {

    private static final Duration FOUR_HOURS = Duration.ofHours(4);

    @Test
    void withoutOneGivenTheSinksGetAsLongAsTheBrokerAllows() {
        assertThat(TransactionTimeout.choose(Optional.empty(), Optional.of(FOUR_HOURS))).isEqualTo(FOUR_HOURS);
    }

    @Test
    void aGivenTimeoutTheBrokerAllowsIsKept() {
        Duration given = Duration.ofMinutes(30);
        assertThat(TransactionTimeout.choose(Optional.of(given), Optional.of(FOUR_HOURS))).isEqualTo(given);
    }

    @Test
    void aGivenTimeoutAboveTheBrokersMaximumIsRefusedAtStartNotAtTheFirstTransaction() {
        assertThatThrownBy(() -> TransactionTimeout.choose(Optional.of(Duration.ofHours(5)), Optional.of(FOUR_HOURS)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("transaction.timeout.ms=18000000 exceeds the broker's transaction.max.timeout.ms=14400000");
    }

    @Test
    void anUnreadableMaximumFallsBackToKafkasDefaultMaximum() {
        assertThat(TransactionTimeout.choose(Optional.empty(), Optional.empty())).isEqualTo(Duration.ofMinutes(15));
        assertThat(TransactionTimeout.choose(Optional.of(Duration.ofHours(2)), Optional.empty()))
                .as("the user's word when the broker cannot be asked").isEqualTo(Duration.ofHours(2));
    }
}
