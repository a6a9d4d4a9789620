package dev.pairing.core.validation;

/**
 * Why a raw record was rejected. The names are the dead-letter reason codes on the wire, so they are
 * part of the contract with DLQ consumers: add new ones, never rename.
 */
public enum RejectReason {
    /** The record has no value at all (a tombstone). */
    NULL_VALUE,
    /** The value is zero bytes long. */
    EMPTY_VALUE,
    /** The value is longer than any number record can be. */
    TOO_LARGE,
    /** Neither Avro single-object encoding nor a plain decimal integer. */
    NOT_A_NUMBER,
    /** Avro single-object encoding whose schema fingerprint is not a released schema. */
    UNKNOWN_SCHEMA,
    /** Avro of a released schema that is not a raw number event (e.g. an enriched pair). */
    WRONG_SCHEMA,
    /** Avro that ends before the record does. */
    TRUNCATED_AVRO,
    /** Avro that cannot be read as its schema says (bad varint, trailing bytes, ...). */
    MALFORMED_AVRO,
    /** A number outside 0..pairSum. */
    OUT_OF_RANGE,
    /** Confluent's wire format with a schema id the schema registry does not know. */
    UNKNOWN_SCHEMA_ID,
    /** Confluent's wire format whose registered schema does not resolve to a raw number event. */
    UNRESOLVABLE_SCHEMA,
    /**
     * Confluent's wire format (a zero byte, then a 4-byte schema id) read by a runner that has no
     * schema registry configured: the record may be valid, but nothing here can read it.
     */
    SCHEMA_REGISTRY_REQUIRED
}
