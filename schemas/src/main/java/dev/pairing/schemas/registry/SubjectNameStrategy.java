package dev.pairing.schemas.registry;

import java.util.Locale;
import org.apache.avro.Schema;

/**
 * Which registry subject an output schema goes under, as Confluent's serializers decide it with
 * {@code value.subject.name.strategy}: the topic's ({@code <topic>-value}, the default), the
 * record's full name, or both ({@code <topic>-<record full name>}).
 */
public enum SubjectNameStrategy {
    TOPIC_NAME("TopicNameStrategy"),
    RECORD_NAME("RecordNameStrategy"),
    TOPIC_RECORD_NAME("TopicRecordNameStrategy");

    public static final String PROPERTY = "value.subject.name.strategy";
    private static final String CONFLUENT_PACKAGE = "io.confluent.kafka.serializers.subject.";

    private final String confluentName;

    SubjectNameStrategy(String confluentName) {
        this.confluentName = confluentName;
    }

    /** The subject for records of this schema written to this topic. */
    public String subject(String topic, Schema schema) {
        return switch (this) {
            case TOPIC_NAME -> topic + "-value";
            case RECORD_NAME -> schema.getFullName();
            case TOPIC_RECORD_NAME -> topic + "-" + schema.getFullName();
        };
    }

    /**
     * The strategy a property value names: Confluent's class name, with or without its package.
     *
     * @param value the property's value, or null for the default
     * @throws IllegalArgumentException for any other strategy (a custom class cannot run here)
     */
    public static SubjectNameStrategy of(String value) {
        if (value == null || value.isBlank()) {
            return TOPIC_NAME;
        }
        String name = value.trim();
        String simple = name.startsWith(CONFLUENT_PACKAGE) ? name.substring(CONFLUENT_PACKAGE.length()) : name;
        for (SubjectNameStrategy strategy : values()) {
            if (strategy.confluentName.toLowerCase(Locale.ROOT).equals(simple.toLowerCase(Locale.ROOT))) {
                return strategy;
            }
        }
        throw new IllegalArgumentException(PROPERTY + "=" + value + " is not one this runner knows: use "
                + CONFLUENT_PACKAGE + "TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy");
    }

    /** Confluent's class name, as a user would write it. */
    public String confluentClass() {
        return CONFLUENT_PACKAGE + confluentName;
    }
}
