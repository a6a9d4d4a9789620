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

    private DeadLetterHeaders() {}
}
