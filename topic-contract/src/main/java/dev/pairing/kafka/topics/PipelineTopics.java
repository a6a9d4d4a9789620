package dev.pairing.kafka.topics;

import java.util.List;
import java.util.Objects;

/** The four topics of one pipeline, named as the runners' flags name them. */
public record PipelineTopics(String raw, String enriched, String deadLetters, String unpaired) {

    public static final String RAW = "raw-topic";
    public static final String ENRICHED = "enriched-topic";
    public static final String DEAD_LETTERS = "raw-events-dlq";
    public static final String UNPAIRED = "unpaired-topic";

    public static final PipelineTopics DEFAULT = new PipelineTopics(RAW, ENRICHED, DEAD_LETTERS, UNPAIRED);

    public PipelineTopics {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(enriched, "enriched");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(unpaired, "unpaired");
    }

    public List<String> all() {
        return List.of(raw, enriched, deadLetters, unpaired);
    }

    /** What a runner writes; each takes every record it is given (none is compacted away). */
    public List<String> outputs() {
        return List.of(enriched, deadLetters, unpaired);
    }
}
