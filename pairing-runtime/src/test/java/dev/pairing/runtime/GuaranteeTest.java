package dev.pairing.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GuaranteeTest {

    @Test
    void theFlagsWordsAndKafkaStreamsOwnNameAreUnderstood() {
        assertThat(Guarantee.fromFlag("exactly_once")).isEqualTo(Guarantee.EXACTLY_ONCE);
        assertThat(Guarantee.fromFlag("exactly_once_v2")).isEqualTo(Guarantee.EXACTLY_ONCE);
        assertThat(Guarantee.fromFlag(" At_Least_Once ")).isEqualTo(Guarantee.AT_LEAST_ONCE);
        assertThat(Guarantee.EXACTLY_ONCE.flagValue()).isEqualTo("exactly_once");
    }

    @Test
    void anyOtherWordIsRefused() {
        assertThatThrownBy(() -> Guarantee.fromFlag("exactly_once_beta")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly_once or at_least_once");
        assertThatThrownBy(() -> Guarantee.fromFlag(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
