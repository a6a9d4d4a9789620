package dev.pairing.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.PairingRules;
import org.junit.jupiter.api.Test;

class NumberValidatorTest {

    private final NumberValidator validator = new NumberValidator(new PairingRules(12));

    @Test
    void acceptsNumbersFromZeroToPairSum() {
        assertThat(validator.validate(Decoded.number(0, 1L))).isEqualTo(new Verdict.Accepted(0, 1L));
        assertThat(validator.validate(Decoded.number(12, null))).isEqualTo(new Verdict.Accepted(12, null));
    }

    @Test
    void rejectsNumbersOutsideTheRange() {
        assertThat(validator.validate(Decoded.number(13, 1L)))
                .isEqualTo(new Verdict.Rejected(RejectReason.OUT_OF_RANGE, "13 is outside 0..12"));
        assertThat(validator.validate(Decoded.number(-1, 1L)))
                .isEqualTo(new Verdict.Rejected(RejectReason.OUT_OF_RANGE, "-1 is outside 0..12"));
        assertThat(validator.validate(Decoded.number(Long.MIN_VALUE, null)))
                .isInstanceOf(Verdict.Rejected.class);
    }

    @Test
    void passesDecodeFailuresThroughWithTheirReason() {
        assertThat(validator.validate(Decoded.failure(RejectReason.TRUNCATED_AVRO, "ends at byte 11")))
                .isEqualTo(new Verdict.Rejected(RejectReason.TRUNCATED_AVRO, "ends at byte 11"));
    }
}
