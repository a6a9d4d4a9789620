package dev.pairing.local.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.core.matching.UnpairedReason;
import dev.pairing.core.validation.RejectReason;
import dev.pairing.local.PipelineTopics;
import dev.pairing.schemas.codec.OutputCodec;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.schemas.deadletter.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class LedgerTest {

    private static final PairingRules RULES = new PairingRules(12);

    // raw p0: 5 @0, 'seven' @1, 7 @2, 3 @3, 20 @4
    private final List<ConsumerRecord<byte[], byte[]>> raw = List.of(
            raw(0, RawValueCodec.encodeText(5)),
            raw(1, "seven".getBytes(StandardCharsets.US_ASCII)),
            raw(2, RawValueCodec.encodeText(7)),
            raw(3, RawValueCodec.encodeText(3)),
            raw(4, RawValueCodec.encodeText(20)));

    @Test
    void everyRawRecordInExactlyOnePlaceBalances() {
        Ledger ledger = Ledger.of(RULES, raw, List.of(pair(0, 5, 2, 7)), List.of(dlq(1, RejectReason.NOT_A_NUMBER),
                dlq(4, RejectReason.OUT_OF_RANGE)), List.of());

        assertThat(ledger.problems()).isEmpty();
        assertThat(ledger).isEqualTo(new Ledger(5, 3, 2, 1, 0, 1, List.of()));
        assertThat(ledger.render(PipelineTopics.DEFAULT))
                .contains("balanced: 5 raw = 2 x 1 pairs + 2 dead letters + 0 unpaired + 1 pending");
    }

    @Test
    void anUnpairedRecordIsOnePlace() {
        Ledger ledger = Ledger.of(RULES, raw, List.of(pair(0, 5, 2, 7)), List.of(dlq(1, RejectReason.NOT_A_NUMBER),
                dlq(4, RejectReason.OUT_OF_RANGE)), List.of(unpaired(3, 3)));

        assertThat(ledger.balanced()).isTrue();
        assertThat(ledger.unpaired()).isEqualTo(1);
        assertThat(ledger.pending()).isZero();
    }

    @Test
    void aRecordInTwoPlacesIsNamed() {
        Ledger ledger = Ledger.of(RULES, raw, List.of(pair(0, 5, 2, 7)), List.of(dlq(1, RejectReason.NOT_A_NUMBER),
                dlq(4, RejectReason.OUT_OF_RANGE)), List.of(unpaired(2, 7)));

        assertThat(ledger.balanced()).isFalse();
        assertThat(ledger.problems()).containsExactly("p0@2 is in a pair and again in an unpaired record");
        assertThat(ledger.render(PipelineTopics.DEFAULT)).contains("NOT balanced");
    }

    @Test
    void aCorruptedRecordWithoutADeadLetterIsNamed() {
        Ledger ledger = Ledger.of(RULES, raw, List.of(), List.of(dlq(1, RejectReason.NOT_A_NUMBER)), List.of());

        assertThat(ledger.problems()).containsExactly("the corrupted record p0@4 (OUT_OF_RANGE) is in no dead letter");
    }

    @Test
    void outputsThatPointAtNothingOrAtTheWrongRecordAreNamed() {
        List<ConsumerRecord<byte[], byte[]>> enriched = new ArrayList<>();
        enriched.add(pair(0, 5, 9, 7));
        enriched.add(pair(3, 4, 2, 8));

        Ledger ledger = Ledger.of(RULES, raw, enriched, List.of(dlq(1, RejectReason.NOT_A_NUMBER),
                dlq(2, RejectReason.NOT_A_NUMBER), dlq(4, RejectReason.OUT_OF_RANGE)), List.of());

        assertThat(ledger.problems()).containsExactlyInAnyOrder(
                "the valid record p0@2 was dead-lettered (NOT_A_NUMBER)",
                "a pair points at p0@9, which is not in the raw topic",
                "p0@3 holds 3 but a pair says 4",
                "p0@2 is in a dead letter and again in a pair");
    }

    private static ConsumerRecord<byte[], byte[]> raw(long offset, byte[] value) {
        return new ConsumerRecord<>("raw-topic", 0, offset, 1000 + offset, TimestampType.CREATE_TIME, 0, value.length,
                null, value, new RecordHeaders(), java.util.Optional.empty());
    }

    private static SourceEvent event(long offset, long value) {
        return new SourceEvent(value, 0, offset, 1000 + offset, null);
    }

    private static ConsumerRecord<byte[], byte[]> pair(long firstOffset, long first, long secondOffset, long second) {
        byte[] value = OutputCodec.encode(new Pair(event(firstOffset, first), event(secondOffset, second)), 12);
        return new ConsumerRecord<>("enriched-topic", 0, 0, null, value);
    }

    private static ConsumerRecord<byte[], byte[]> unpaired(long offset, long value) {
        byte[] bytes = OutputCodec.encode(new Unpaired(event(offset, value), UnpairedReason.EVICTED), 12);
        return new ConsumerRecord<>("unpaired-topic", 0, 0, null, bytes);
    }

    private static ConsumerRecord<byte[], byte[]> dlq(long offset, RejectReason reason) {
        RecordHeaders headers = new RecordHeaders();
        new DeadLetter(reason, "test", "raw-topic", 0, offset, 1000 + offset).headers()
                .forEach(h -> headers.add(h.name(), h.value()));
        return new ConsumerRecord<>("raw-events-dlq", 0, offset, 0L, TimestampType.CREATE_TIME, 0, 0, null,
                new byte[0], headers, java.util.Optional.empty());
    }
}
