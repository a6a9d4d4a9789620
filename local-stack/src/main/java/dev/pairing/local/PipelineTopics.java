package dev.pairing.local;

import java.util.List;

/** The four topics of one pipeline, named as the runners' flags name them. */
public record PipelineTopics(String raw, String enriched, String deadLetters, String unpaired) {

    public static final PipelineTopics DEFAULT =
            new PipelineTopics("raw-topic", "enriched-topic", "raw-events-dlq", "unpaired-topic");

    public List<String> all() {
        return List.of(raw, enriched, deadLetters, unpaired);
    }

    public List<String> outputs() {
        return List.of(enriched, deadLetters, unpaired);
    }
}
