package com.example.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairing.core.matching.Pair;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairingServiceTest {

    @Test
    void sevenCompletesTheFiveThatWaited() {
        PairingService service = new PairingService();

        assertTrue(service.accept(5, 1_000).isEmpty());
        List<Pair> pairs = service.accept(7, 1_001);

        assertEquals(1, pairs.size());
        assertEquals(5, pairs.get(0).first().value());
        assertEquals(7, pairs.get(0).second().value());
    }
}
