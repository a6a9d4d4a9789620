package com.example.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairing.core.matching.Pair;
import dev.pairing.core.validation.RejectReason;
import dev.pairing.runtime.PipelineSpec;
import dev.pairing.testkit.streams.PairingTestDriver;
import dev.pairing.testkit.streams.RejectedRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The project's Kafka Streams topology, driven without a broker. */
class PairingTopologyTest {

    @Test
    void fiveSevenAndGarbageGiveOnePairAndOneDeadLetter() {
        try (PairingTestDriver pipeline = PairingTestDriver.start(PipelineSpec.defaults())) {
            pipeline.pipeNumber(5);
            pipeline.pipeNumber(7);
            pipeline.pipeText("garbage");

            List<Pair> pairs = pipeline.readPairs();
            assertEquals(1, pairs.size());
            assertEquals(5, pairs.get(0).first().value());
            List<RejectedRecord> deadLetters = pipeline.readDeadLetters();
            assertEquals(1, deadLetters.size());
            assertEquals(RejectReason.NOT_A_NUMBER, deadLetters.get(0).deadLetter().reason());
            assertEquals(2, deadLetters.get(0).deadLetter().offset());
            assertTrue(pipeline.outputsAreEmpty());
        }
    }
}
