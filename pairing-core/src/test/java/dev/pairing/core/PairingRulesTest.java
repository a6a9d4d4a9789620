package dev.pairing.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PairingRulesTest {

    @Test
    void complementClassIsTheSmallerOfANumberAndItsComplement() {
        PairingRules rules = new PairingRules(12);
        assertThat(rules.complementClass(0)).isEqualTo(0);
        assertThat(rules.complementClass(12)).isEqualTo(0);
        assertThat(rules.complementClass(5)).isEqualTo(5);
        assertThat(rules.complementClass(7)).isEqualTo(5);
        assertThat(rules.complementClass(6)).isEqualTo(6);
        assertThat(rules.classCount()).isEqualTo(7);
    }

    @Test
    void oddPairSumHasNoSelfComplement() {
        PairingRules rules = new PairingRules(13);
        assertThat(rules.classCount()).isEqualTo(7);
        assertThat(rules.complementClass(6)).isEqualTo(rules.complementClass(7));
        assertThat(rules.complements(6, 6)).isFalse();
        assertThat(rules.complements(6, 7)).isTrue();
    }

    @Test
    void rangeIsZeroToPairSumInclusive() {
        PairingRules rules = new PairingRules(12);
        assertThat(rules.inRange(0)).isTrue();
        assertThat(rules.inRange(12)).isTrue();
        assertThat(rules.inRange(-1)).isFalse();
        assertThat(rules.inRange(13)).isFalse();
        assertThatThrownBy(() -> rules.complementClass(13)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negativePairSumIsRefused() {
        assertThatThrownBy(() -> new PairingRules(-1)).hasMessageContaining("pairSum");
    }
}
