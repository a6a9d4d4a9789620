package dev.pairing.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.PairingRules;
import dev.pairing.core.validation.NumberValidator;
import dev.pairing.core.validation.Verdict;
import dev.pairing.schemas.codec.RawValueCodec;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class HostileCorpusTest {

    @Test
    void theCorpusHasAtLeastThirtyDistinctKindsOfBadRecord() {
        assertThat(HostileCorpus.all()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(new HashSet<>(HostileCorpus.all().stream().map(HostileCorpus.Hostile::name).toList()))
                .hasSameSizeAs(HostileCorpus.all());
    }

    @Test
    void eachRecordIsRejectedForTheReasonItClaims() {
        RawValueCodec codec = new RawValueCodec();
        NumberValidator validator = new NumberValidator(new PairingRules(HostileCorpus.PAIR_SUM));
        for (HostileCorpus.Hostile hostile : HostileCorpus.all()) {
            Verdict verdict = validator.validate(codec.decode(hostile.value()));
            assertThat(verdict).as(hostile.name()).isInstanceOf(Verdict.Rejected.class);
            assertThat(((Verdict.Rejected) verdict).reason()).as(hostile.name()).isEqualTo(hostile.reason());
        }
    }
}
