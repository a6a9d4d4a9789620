package dev.pairing.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.core.PairingRules;
import dev.pairing.core.validation.NumberValidator;
import dev.pairing.core.validation.Verdict;
import dev.pairing.schemas.codec.ComplementClassKey;
import dev.pairing.schemas.codec.RawValueCodec;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class NumberStreamTest {

    @ParameterizedTest
    @EnumSource(value = NumberStream.Format.class, names = {"AVRO", "TEXT"}) // CONFLUENT: ConfluentNumberStreamIT
    void eachRecordIsWhatItClaimsAndValidOnesAreKeyedByTheirClass(NumberStream.Format format) {
        PairingRules rules = new PairingRules(13);
        NumberValidator validator = new NumberValidator(rules);
        RawValueCodec codec = new RawValueCodec();
        NumberStream stream = new NumberStream(13, 0.2, format, 42);
        Map<NumberStream.Kind, Integer> counts = new EnumMap<>(NumberStream.Kind.class);

        for (int i = 0; i < 20_000; i++) {
            NumberStream.Generated record = stream.next(1_000 + i);
            counts.merge(record.kind(), 1, Integer::sum);
            Verdict verdict = validator.validate(codec.decode(record.value()));
            if (record.kind() == NumberStream.Kind.VALID) {
                Verdict.Accepted accepted = (Verdict.Accepted) verdict;
                assertThat(ComplementClassKey.decode(record.key())).isEqualTo(rules.complementClass(accepted.value()));
            } else {
                assertThat(verdict).as("record %d (%s)", i, record.kind()).isInstanceOf(Verdict.Rejected.class);
            }
        }
        assertThat(counts.get(NumberStream.Kind.VALID)).isBetween(15_500, 16_500);
        assertThat(counts.get(NumberStream.Kind.OUT_OF_RANGE)).isPositive();
        assertThat(counts.get(NumberStream.Kind.UNDECODABLE)).isPositive();
    }

    @Test
    void theSameSeedGivesTheSameValuesWhateverTheClock() {
        NumberStream a = new NumberStream(12, 0.1, NumberStream.Format.TEXT, 7);
        NumberStream b = new NumberStream(12, 0.1, NumberStream.Format.TEXT, 7);
        for (int i = 0; i < 1000; i++) {
            assertThat(a.next(i).value()).isEqualTo(b.next(5_000_000 + i).value());
        }
    }

    @Test
    void corruptRateIsChecked() {
        assertThatThrownBy(() -> new NumberStream(12, 1.5, NumberStream.Format.AVRO, 1))
                .hasMessageContaining("corruptRate");
    }
}
