package dev.pairing.schemas.codec;

import dev.pairing.core.validation.Decoded;
import dev.pairing.core.validation.RejectReason;
import dev.pairing.schemas.avro.NumberEvent;
import dev.pairing.schemas.registry.SchemaRegistryClient;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * Turns raw-topic values into numbers: Avro single-object encoding of any released
 * {@code NumberEvent} version, plain decimal text such as {@code 7} (what a person types into a
 * console producer), and, given a schema registry, Avro in Confluent's wire format
 * ({@link ConfluentWireFormat}). Everything else is a {@link Decoded.Failure} with a precise reason;
 * Confluent's format read without a registry is {@code SCHEMA_REGISTRY_REQUIRED}, not "not a number".
 * Bad input never throws; only a registry that cannot be reached does
 * ({@link dev.pairing.schemas.registry.RegistryUnavailableException}), since that says nothing about
 * the record.
 *
 * <p>Not thread-safe (it reuses its Avro decoder): one instance per task or thread.
 */
public final class RawValueCodec {

    /** No number record comes close; past this a value is rejected unread. */
    public static final int MAX_VALUE_BYTES = 1024;

    static final byte MARKER_0 = (byte) 0xC3;
    static final byte MARKER_1 = (byte) 0x01;
    static final int HEADER_BYTES = 10;
    private static final int PREVIEW_BYTES = 32;
    private static final long CURRENT_FINGERPRINT = SchemaHistory.fingerprint(NumberEvent.getClassSchema());

    private final SchemaHistory history;
    private final ConfluentValueDecoder confluent;
    /** Null in the Avro-only codec. */
    private final CurrentNumberEventReader current;
    private final Map<Long, SpecificDatumReader<NumberEvent>> readers = new HashMap<>();
    private BinaryDecoder decoder;

    public RawValueCodec() {
        this(SchemaHistory.released(), null);
    }

    /** Also reads Confluent's wire format, with writer schemas from this registry. */
    public RawValueCodec(SchemaRegistryClient registry) {
        this(SchemaHistory.released(), new ConfluentValueDecoder(registry));
    }

    RawValueCodec(SchemaHistory history) {
        this(history, null);
    }

    private RawValueCodec(SchemaHistory history, ConfluentValueDecoder confluent) {
        this(history, confluent, new CurrentNumberEventReader());
    }

    private RawValueCodec(SchemaHistory history, ConfluentValueDecoder confluent, CurrentNumberEventReader current) {
        this.history = history;
        this.confluent = confluent;
        this.current = current;
    }

    /** Avro's reader for every version, the current one included: what the direct reading is tested against. */
    static RawValueCodec avroOnly() {
        return new RawValueCodec(SchemaHistory.released(), null, null);
    }

    public Decoded decode(byte[] value) {
        if (value == null) {
            return Decoded.failure(RejectReason.NULL_VALUE, "the record has no value (a tombstone)");
        }
        if (value.length == 0) {
            return Decoded.failure(RejectReason.EMPTY_VALUE, "the value is empty");
        }
        if (value.length > MAX_VALUE_BYTES) {
            return Decoded.failure(RejectReason.TOO_LARGE,
                    value.length + " bytes; a number record is at most " + MAX_VALUE_BYTES);
        }
        if (value.length >= 2 && value[0] == MARKER_0 && value[1] == MARKER_1) {
            return decodeAvro(value);
        }
        if (ConfluentWireFormat.isFramed(value)) {
            if (confluent != null) {
                return confluent.decode(value);
            }
            if (value.length >= ConfluentWireFormat.HEADER_BYTES) {
                // no text or single-object record starts with a zero byte: this one is for a registry
                return Decoded.failure(RejectReason.SCHEMA_REGISTRY_REQUIRED, "Confluent's wire format with schema id "
                        + ConfluentWireFormat.schemaId(value) + ", but no schema registry is configured"
                        + " (schema.registry.url, --schemaRegistry)");
            }
        }
        return decodeText(value);
    }

    /**
     * The schema id a codec with a registry asks the registry about for this value, or -1 when it
     * asks nothing (not Confluent-framed, too short, or rejected before it is read): what a caller
     * fetches ahead of decoding, so that the decode does not wait.
     */
    public static int registrySchemaId(byte[] value) {
        boolean asked = value != null && value.length >= ConfluentWireFormat.HEADER_BYTES
                && value.length <= MAX_VALUE_BYTES && ConfluentWireFormat.isFramed(value);
        return asked ? ConfluentWireFormat.schemaId(value) : -1;
    }

    /** The current schema's single-object encoding of a number event. */
    public static byte[] encodeAvro(long value, Long sequence, Long producedAt) {
        try {
            return bytes(new NumberEvent(value, sequence, producedAt).toByteBuffer());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The number as decimal text, as a console producer would send it. */
    public static byte[] encodeText(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    private Decoded decodeAvro(byte[] value) {
        if (value.length < HEADER_BYTES) {
            return Decoded.failure(RejectReason.TRUNCATED_AVRO,
                    "Avro single-object header needs " + HEADER_BYTES + " bytes, got " + value.length);
        }
        long fingerprint = ByteBuffer.wrap(value, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        SchemaHistory.Version version = history.find(fingerprint);
        if (version == null) {
            return Decoded.failure(RejectReason.UNKNOWN_SCHEMA,
                    String.format("schema fingerprint %016x is not a released schema", fingerprint));
        }
        if (version.kind() != RecordKind.RAW) {
            return Decoded.failure(RejectReason.WRONG_SCHEMA,
                    "an Avro " + version.kind().schemaName() + ", not a " + RecordKind.RAW.schemaName());
        }
        if (fingerprint == CURRENT_FINGERPRINT && current != null) {
            Decoded read = current.read(value);
            if (read != null) {
                return read;
            }
        }
        decoder = DecoderFactory.get().binaryDecoder(value, HEADER_BYTES, value.length - HEADER_BYTES, decoder);
        try {
            NumberEvent event = reader(version).read(null, decoder);
            if (!decoder.isEnd()) {
                return Decoded.failure(RejectReason.MALFORMED_AVRO, "trailing bytes after the record");
            }
            return Decoded.number(event.getValue(), event.getSequence());
        } catch (EOFException e) {
            return Decoded.failure(RejectReason.TRUNCATED_AVRO, "the record ends early (" + value.length + " bytes)");
        } catch (IOException | RuntimeException e) {
            return Decoded.failure(RejectReason.MALFORMED_AVRO, "unreadable as " + version.schema().getName()
                    + ": " + why(e));
        }
    }

    /**
     * Avro's own exceptions carry messages it builds from the bytes; the JVM's implicit ones (an index
     * out of bounds, ...) lose theirs once the JIT throws them preallocated from hot code. Only the
     * former may go into a detail, or a warm runner would write other dead letters than a fresh one.
     */
    private static String why(Exception e) {
        String type = e.getClass().getSimpleName();
        return e instanceof IOException || e instanceof AvroRuntimeException ? type + ": " + e.getMessage() : type;
    }

    private SpecificDatumReader<NumberEvent> reader(SchemaHistory.Version writer) {
        return readers.computeIfAbsent(writer.fingerprint(),
                f -> new SpecificDatumReader<>(writer.schema(), NumberEvent.getClassSchema()));
    }

    private static Decoded decodeText(byte[] value) {
        int start = value[0] == '-' ? 1 : 0;
        if (start == value.length || !allDigits(value, start)) {
            String trimmed = new String(value, StandardCharsets.ISO_8859_1).strip();
            String why = !trimmed.isEmpty() && trimmed.length() < value.length && isInteger(trimmed)
                    ? "surrounding whitespace around a number: " : "neither Avro nor a decimal integer: ";
            return Decoded.failure(RejectReason.NOT_A_NUMBER, why + preview(value));
        }
        long result = 0;
        for (int i = start; i < value.length; i++) {
            int digit = value[i] - '0';
            // accumulate negatively so Long.MIN_VALUE fits too
            if (result < (Long.MIN_VALUE + digit) / 10) {
                return Decoded.failure(RejectReason.OUT_OF_RANGE, preview(value) + " does not fit in 64 bits");
            }
            result = result * 10 - digit;
        }
        if (start == 0) {
            if (result == Long.MIN_VALUE) {
                return Decoded.failure(RejectReason.OUT_OF_RANGE, preview(value) + " does not fit in 64 bits");
            }
            result = -result;
        }
        return Decoded.number(result, null);
    }

    private static boolean allDigits(byte[] value, int from) {
        for (int i = from; i < value.length; i++) {
            if (value[i] < '0' || value[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isInteger(String text) {
        return allDigits(text.getBytes(StandardCharsets.ISO_8859_1), text.startsWith("-") ? 1 : 0)
                && !text.equals("-");
    }

    /** The value as quoted printable ASCII, other bytes as \xNN, cut after a few dozen bytes. */
    static String preview(byte[] value) {
        StringBuilder text = new StringBuilder("'");
        int shown = Math.min(value.length, PREVIEW_BYTES);
        for (int i = 0; i < shown; i++) {
            int b = value[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F && b != '\\' && b != '\'') {
                text.append((char) b);
            } else {
                text.append(String.format("\\x%02X", b));
            }
        }
        text.append('\'');
        if (shown < value.length) {
            text.append("... (").append(value.length).append(" bytes)");
        }
        return text.toString();
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
