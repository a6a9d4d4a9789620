package dev.pairing.schemas.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.core.validation.RejectReason;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    private final DeadLetter letter =
            new DeadLetter(RejectReason.OUT_OF_RANGE, "13 is outside 0..12", "raw-topic", 3, 77, 1_700_000_000_123L);

    @Test
    void headersRoundTripInAFixedOrder() {
        Map<String, byte[]> headers = new HashMap<>();
        letter.headers().forEach(h -> headers.put(h.name(), h.value()));

        assertThat(letter.headers()).extracting(DeadLetter.Header::name).containsExactly(
                DeadLetterHeaders.REASON, DeadLetterHeaders.DETAIL, DeadLetterHeaders.TOPIC,
                DeadLetterHeaders.PARTITION, DeadLetterHeaders.OFFSET, DeadLetterHeaders.TIMESTAMP);
        assertThat(new String(headers.get(DeadLetterHeaders.REASON))).isEqualTo("OUT_OF_RANGE");
        assertThat(DeadLetter.fromHeaders(headers::get)).isEqualTo(letter);
    }

    @Test
    void aMissingHeaderIsNamed() {
        Map<String, byte[]> headers = new HashMap<>();
        letter.headers().forEach(h -> headers.put(h.name(), h.value()));
        headers.remove(DeadLetterHeaders.OFFSET);
        assertThatThrownBy(() -> DeadLetter.fromHeaders(headers::get)).hasMessageContaining(DeadLetterHeaders.OFFSET);
    }

    @Test
    void aSchemaIdRoundTripsInItsOwnHeaderAfterTheOthers() {
        DeadLetter needsRegistry = new DeadLetter(RejectReason.SCHEMA_REGISTRY_REQUIRED, "no registry", "raw-topic",
                0, 1, 2, 42);
        Map<String, byte[]> headers = new HashMap<>();
        needsRegistry.headers().forEach(h -> headers.put(h.name(), h.value()));

        assertThat(needsRegistry.headers()).extracting(DeadLetter.Header::name).last().isEqualTo(DeadLetterHeaders.SCHEMA_ID);
        assertThat(DeadLetter.fromHeaders(headers::get)).isEqualTo(needsRegistry);
    }

    @Test
    void aLongDetailIsCutBetweenCharactersAndSaysSo() {
        String detail = "\u00e9".repeat(2_000); // two bytes each in UTF-8
        DeadLetter cut = new DeadLetter(RejectReason.MALFORMED_AVRO, detail, "raw-topic", 0, 1, 2);

        byte[] bytes = cut.detail().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(bytes.length).isLessThanOrEqualTo(DeadLetter.MAX_DETAIL_BYTES);
        assertThat(cut.detail()).startsWith("\u00e9\u00e9").endsWith(DeadLetter.CUT_MARK)
                .doesNotContain("\ufffd");
        assertThat(new DeadLetter(RejectReason.MALFORMED_AVRO, cut.detail(), "raw-topic", 0, 1, 2).detail())
                .as("cutting is idempotent, so a dead letter read back is the same").isEqualTo(cut.detail());
    }
}
