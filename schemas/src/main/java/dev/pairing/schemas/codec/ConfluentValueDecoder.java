package dev.pairing.schemas.codec;

import dev.pairing.core.validation.Decoded;
import dev.pairing.core.validation.RejectReason;
import dev.pairing.schemas.avro.NumberEvent;
import dev.pairing.schemas.registry.RegisteredSchema;
import dev.pairing.schemas.registry.SchemaRegistryClient;
import java.io.EOFException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * Reads a raw value in {@link ConfluentWireFormat}: the writer's schema comes from the registry by
 * id and is resolved against the current {@link NumberEvent} with Avro's schema resolution, so any
 * compatible version a producer registered reads (a field added with a default, one the reader does
 * not know, ...), and so does a writer schema that refers to schemas under other subjects (Confluent's
 * schema references). What the registry says is final for a record: an id it does not know is
 * {@code UNKNOWN_SCHEMA_ID}, a schema that does not resolve is {@code UNRESOLVABLE_SCHEMA}. A
 * registry that cannot be asked is no verdict at all: {@link dev.pairing.schemas.registry.RegistryUnavailableException}
 * goes up and stops the runner, so valid data is never dead-lettered for it.
 *
 * <p>A schema id's resolution is kept for the task's life, since a schema by id never changes; an id
 * the registry does not know is not (the client remembers that answer for a bounded time only).
 *
 * <p>Details are built from the record and the schemas only, never from the registry's messages,
 * so two engines asking the same registry write the same dead letters. Not thread-safe.
 */
final class ConfluentValueDecoder {

    /** A schema id's verdict: a reader for its records, or why none of them reads. */
    private record Resolution(SpecificDatumReader<NumberEvent> reader, RejectReason reason, String detail) {}

    private final SchemaRegistryClient registry;
    private final Map<Integer, Resolution> resolutions = new HashMap<>();
    private BinaryDecoder decoder;

    ConfluentValueDecoder(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    Decoded decode(byte[] value) {
        if (value.length < ConfluentWireFormat.HEADER_BYTES) {
            return Decoded.failure(RejectReason.TRUNCATED_AVRO, "Confluent's header needs "
                    + ConfluentWireFormat.HEADER_BYTES + " bytes, got " + value.length);
        }
        int id = ConfluentWireFormat.schemaId(value);
        Resolution resolution = resolutions.get(id);
        if (resolution == null) {
            Optional<RegisteredSchema> registered = registry.schemaById(id);
            if (registered.isEmpty()) {
                return Decoded.failure(RejectReason.UNKNOWN_SCHEMA_ID, "schema id " + id + " is not known to the schema registry");
            }
            resolution = resolve(registered.get());
            resolutions.put(id, resolution);
        }
        if (resolution.reader() == null) {
            return Decoded.failure(resolution.reason(), resolution.detail());
        }
        int bodyBytes = value.length - ConfluentWireFormat.HEADER_BYTES;
        decoder = DecoderFactory.get().binaryDecoder(value, ConfluentWireFormat.HEADER_BYTES, bodyBytes, decoder);
        try {
            NumberEvent event = resolution.reader().read(null, decoder);
            if (!decoder.isEnd()) {
                return Decoded.failure(RejectReason.MALFORMED_AVRO, "trailing bytes after the record (schema id " + id + ")");
            }
            return Decoded.number(event.getValue(), event.getSequence());
        } catch (EOFException e) {
            return Decoded.failure(RejectReason.TRUNCATED_AVRO, "the record of schema id " + id + " ends early ("
                    + bodyBytes + " bytes after the header)");
        } catch (IOException | RuntimeException e) {
            String type = e.getClass().getSimpleName();
            String why = e instanceof IOException || e instanceof AvroRuntimeException ? type + ": " + e.getMessage() : type;
            return Decoded.failure(RejectReason.MALFORMED_AVRO, "unreadable as schema id " + id + ": " + why);
        }
    }

    private static Resolution resolve(RegisteredSchema schema) {
        int id = schema.id();
        if (!schema.isAvro()) {
            return refusal(RejectReason.UNRESOLVABLE_SCHEMA, "schema id " + id + " is a " + schema.type()
                    + " schema, not Avro");
        }
        if (schema.missingReference() != null) {
            return refusal(RejectReason.UNRESOLVABLE_SCHEMA, "schema id " + id + " refers to "
                    + schema.missingReference() + ", which the schema registry does not know");
        }
        Schema writer;
        try {
            // the schemas it refers to first, in the same parser: their names are then defined
            Schema.Parser parser = new Schema.Parser();
            for (String referenced : schema.references()) {
                parser.parse(referenced);
            }
            writer = parser.parse(schema.text());
        } catch (RuntimeException e) {
            return refusal(RejectReason.UNRESOLVABLE_SCHEMA, "schema id " + id + " is not a schema Avro can parse: "
                    + e.getMessage());
        }
        Schema reader = NumberEvent.getClassSchema();
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return refusal(RejectReason.UNRESOLVABLE_SCHEMA, "schema id " + id + " (" + writer.getFullName()
                    + ") does not resolve to " + reader.getFullName() + ": "
                    + compatibility.getResult().getIncompatibilities().get(0).getMessage());
        }
        return new Resolution(new SpecificDatumReader<>(writer, reader), null, null);
    }

    private static Resolution refusal(RejectReason reason, String detail) {
        return new Resolution(null, reason, detail);
    }
}
