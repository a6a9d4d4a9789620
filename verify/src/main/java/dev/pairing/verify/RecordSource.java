package dev.pairing.verify;

import java.util.function.Consumer;

/** Streams a topic's committed records, partition by partition in offset order. */
public interface RecordSource {

    /** @return how many records were read */
    long forEach(String topic, Consumer<TopicRecord> action);
}
