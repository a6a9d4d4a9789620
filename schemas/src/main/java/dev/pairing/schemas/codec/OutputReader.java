package dev.pairing.schemas.codec;

import dev.pairing.schemas.avro.NumberPair;
import dev.pairing.schemas.avro.UnpairedNumber;
import dev.pairing.schemas.registry.RegisteredSchema;
import dev.pairing.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * Reads enriched and unpaired values in either output format: single-object Avro, or, given a
 * registry, Confluent's wire format (writer schema by id, resolved to the current record). Throws on
 * anything else, like {@link OutputCodec}'s decoders. Not thread-safe.
 */
public final class OutputReader {

    private final SchemaRegistryClient registry;
    private final Map<Integer, SpecificDatumReader<NumberPair>> pairReaders = new HashMap<>();
    private final Map<Integer, SpecificDatumReader<UnpairedNumber>> unpairedReaders = new HashMap<>();

    /** @param registry the registry of Confluent-framed outputs, or null for single-object Avro only */
    public OutputReader(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    public NumberPair pair(byte[] value) {
        if (!framed(value)) {
            return OutputCodec.decodePair(value);
        }
        return read(value, pairReaders.computeIfAbsent(ConfluentWireFormat.schemaId(value),
                id -> new SpecificDatumReader<>(writer(id), NumberPair.getClassSchema())));
    }

    public UnpairedNumber unpaired(byte[] value) {
        if (!framed(value)) {
            return OutputCodec.decodeUnpaired(value);
        }
        return read(value, unpairedReaders.computeIfAbsent(ConfluentWireFormat.schemaId(value),
                id -> new SpecificDatumReader<>(writer(id), UnpairedNumber.getClassSchema())));
    }

    private boolean framed(byte[] value) {
        return registry != null && value.length >= ConfluentWireFormat.HEADER_BYTES && ConfluentWireFormat.isFramed(value);
    }

    private Schema writer(int id) {
        RegisteredSchema schema = registry.schemaById(id)
                .orElseThrow(() -> new IllegalArgumentException("schema id " + id + " is not known to the schema registry"));
        return new Schema.Parser().parse(schema.text());
    }

    private static <T> T read(byte[] value, SpecificDatumReader<T> reader) {
        try {
            var decoder = DecoderFactory.get().binaryDecoder(value, ConfluentWireFormat.HEADER_BYTES,
                    value.length - ConfluentWireFormat.HEADER_BYTES, null);
            T record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new IllegalArgumentException("trailing bytes after the record");
            }
            return record;
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable in Confluent's wire format", e);
        }
    }
}
