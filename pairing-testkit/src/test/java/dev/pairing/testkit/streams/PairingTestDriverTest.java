package dev.pairing.testkit.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.core.matching.UnpairedReason;
import dev.pairing.core.validation.RejectReason;
import dev.pairing.runtime.PipelineSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairingTestDriverTest {

    @Test
    void fiveSevenAndGarbageGiveOnePairAndOneDeadLetter() {
        try (PairingTestDriver pipeline = PairingTestDriver.start(PipelineSpec.defaults())) {
            pipeline.pipeNumber(5, 100);
            pipeline.pipeNumber(7, 200);
            pipeline.pipeText("garbage");

            List<Pair> pairs = pipeline.readPairs();
            assertThat(pairs).hasSize(1);
            assertThat(pairs.get(0).first().value()).isEqualTo(5);
            assertThat(pairs.get(0).first().offset()).isEqualTo(0);
            assertThat(pairs.get(0).second().value()).isEqualTo(7);
            assertThat(pairs.get(0).second().timestamp()).isEqualTo(200);
            List<RejectedRecord> rejected = pipeline.readDeadLetters();
            assertThat(rejected).hasSize(1);
            assertThat(rejected.get(0).deadLetter().reason()).isEqualTo(RejectReason.NOT_A_NUMBER);
            assertThat(rejected.get(0).deadLetter().offset()).isEqualTo(2);
            assertThat(rejected.get(0).timestamp()).isEqualTo(201);
            assertThat(new String(rejected.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("garbage");
            assertThat(pipeline.outputsAreEmpty()).isTrue();
        }
    }

    @Test
    void outOfRangeNumbersAreDeadLetteredAndEvictionsAreUnpaired() {
        PipelineSpec config = PipelineSpec.builder().pairSum(10).limits(new PendingLimits(1, 0)).build();
        try (PairingTestDriver pipeline = PairingTestDriver.start(config)) {
            pipeline.pipeNumber(11);
            pipeline.pipeNumber(3);
            pipeline.pipeNumber(3);

            assertThat(pipeline.readDeadLetters()).extracting(r -> r.deadLetter().reason())
                    .containsExactly(RejectReason.OUT_OF_RANGE);
            List<Unpaired> unpaired = pipeline.readUnpaired();
            assertThat(unpaired).extracting(Unpaired::reason).containsExactly(UnpairedReason.EVICTED);
            assertThat(unpaired.get(0).event().offset()).isEqualTo(1);
            assertThat(pipeline.readPairs()).isEmpty();
        }
    }
}
