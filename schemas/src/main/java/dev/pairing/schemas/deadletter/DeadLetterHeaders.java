package dev.pairing.schemas.deadletter;

/**
 * Names of the headers that say why a record is on the dead-letter topic and where it came from,
 * in the manner of Kafka Connect's dead-letter queue. Values are UTF-8 text. Both runners write
 * exactly these, in this order.
 */
public final class DeadLetterHeaders {

    public static final String REASON = "pairing.dlq.reason";
    public static final String DETAIL = "pairing.dlq.detail";
    public static final String TOPIC = "pairing.dlq.topic";
    public static final String PARTITION = "pairing.dlq.partition";
    public static final String OFFSET = "pairing.dlq.offset";
    public static final String TIMESTAMP = "pairing.dlq.timestamp";
    /**
     * The schema id of a record in Confluent's wire format, after {@link #TIMESTAMP}; only on a
     * {@code SCHEMA_REGISTRY_REQUIRED} dead letter, whose record cannot be read without it.
     */
    public static final String SCHEMA_ID = "pairing.dlq.schema.id";

    /**
     * Present ({@code true}) only on a dead letter that had to be cut to fit its topic: its value
     * is then a prefix of the raw value, and the two headers after it describe the whole one.
     */
    public static final String TRUNCATED = "pairing.dlq.truncated";
    /** The raw value's length in bytes, on a truncated dead letter. */
    public static final String ORIGINAL_SIZE = "pairing.dlq.original.size";
    /** The raw value's SHA-256 as lower-case hex, on a truncated dead letter. */
    public static final String ORIGINAL_SHA256 = "pairing.dlq.original.sha256";
    /**
     * The raw key's SHA-256 as lower-case hex, on a dead letter whose key alone did not fit (its
     * key is then null); absent when the key was kept.
     */
    public static final String ORIGINAL_KEY_SHA256 = "pairing.dlq.original.key.sha256";

    private DeadLetterHeaders() {}
}
