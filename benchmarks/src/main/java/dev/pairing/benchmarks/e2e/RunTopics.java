package dev.pairing.benchmarks.e2e;

import java.util.List;

/** One run's topics and group: fresh names each time, so each run reads its whole input and writes to empty outputs. */
record RunTopics(String raw, String enriched, String deadLetters, String unpaired, String groupId) {

    static RunTopics fresh(String raw, String run) {
        return new RunTopics(raw, run + "-enriched", run + "-dlq", run + "-unpaired", run);
    }

    List<String> outputs() {
        return List.of(enriched, deadLetters, unpaired);
    }
}
