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
}
