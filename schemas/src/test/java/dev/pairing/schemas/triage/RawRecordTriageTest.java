package dev.pairing.schemas.triage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.validation.RejectReason;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.schemas.deadletter.DeadLetter;
import dev.pairing.schemas.deadletter.DeadLetterHeaders;
import org.junit.jupiter.api.Test;

class RawRecordTriageTest {

    private final RawRecordTriage triage = new RawRecordTriage(new PairingRules(12), "raw-topic");

    @Test
    void aValidNumberKeepsItsRawProvenanceAndClass() {
        assertThat(triage.triage(RawValueCodec.encodeAvro(7, 9L, 1L), 2, 40, 1_000))
                .isEqualTo(new RawRecordTriage.Accepted(new SourceEvent(7, 2, 40, 1_000, 9L), 5));
    }

    @Test
    void anythingElseBecomesADeadLetterSayingWhyAndWhere() {
        assertThat(triage.triage("13".getBytes(), 1, 7, 500)).isEqualTo(new RawRecordTriage.Rejected(
                new DeadLetter(RejectReason.OUT_OF_RANGE, "13 is outside 0..12", "raw-topic", 1, 7, 500)));
        assertThat(triage.triage(null, 0, 0, 0)).isInstanceOf(RawRecordTriage.Rejected.class);
    }

    @Test
    void confluentFramingWithoutARegistryIsDeadLetteredWithItsSchemaIdInAHeader() {
        RawRecordTriage.Outcome outcome = triage.triage(new byte[] {0, 0, 0, 0, 7, 0x0E}, 2, 5, 9);

        DeadLetter letter = ((RawRecordTriage.Rejected) outcome).letter();
        assertThat(letter.reason()).isEqualTo(RejectReason.SCHEMA_REGISTRY_REQUIRED);
        assertThat(letter.schemaId()).isEqualTo(7);
        assertThat(letter.headers()).extracting(DeadLetter.Header::name).endsWith(DeadLetterHeaders.SCHEMA_ID);
        assertThat(letter.headers().get(letter.headers().size() - 1).value()).asString().isEqualTo("7");
    }
}
