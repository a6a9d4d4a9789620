package dev.pairing.core.validation;

import dev.pairing.core.PairingRules;

/** Accepts decoded numbers in 0..pairSum; everything else is rejected with its reason. */
public final class NumberValidator {

    private final PairingRules rules;

    /**
     * A validator for one pairSum.
     *
     * @param rules the pairSum
     */
    public NumberValidator(PairingRules rules) {
        this.rules = rules;
    }

    /**
     * Decides on one decoded value.
     *
     * @param decoded what the codec made of a raw value
     * @return accepted with its number, or rejected with the reason and a detail
     */
    public Verdict validate(Decoded decoded) {
        if (decoded instanceof Decoded.Failure failure) {
            return new Verdict.Rejected(failure.reason(), failure.detail());
        }
        Decoded.Number number = (Decoded.Number) decoded;
        if (!rules.inRange(number.value())) {
            return new Verdict.Rejected(RejectReason.OUT_OF_RANGE,
                    number.value() + " is outside 0.." + rules.pairSum());
        }
        return new Verdict.Accepted(number.value(), number.sequence());
    }
}
