package dev.pairing.schemas.codec;

import dev.pairing.schemas.avro.NumberEvent;
import dev.pairing.schemas.avro.NumberPair;
import dev.pairing.schemas.avro.UnpairedNumber;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * Every released version of every schema, by its single-object fingerprint: what lets a record
 * written with an older version still decode. Add a file to {@link #RELEASED_RESOURCES} whenever a
 * schema changes; never remove one.
 */
public final class SchemaHistory {

    /** Schemas released before the current ones, as resources beside this class. */
    static final List<String> RELEASED_RESOURCES = List.of("history/NumberEvent-v1.avsc");

    /** A released schema and the kind of record it describes. */
    public record Version(RecordKind kind, Schema schema, long fingerprint) {}

    private static final SchemaHistory RELEASED = load();

    /** A handful of versions: scanned, as a map's boxed key cost an allocation for every raw record. */
    private final Version[] versions;
    private final SchemaStore.Cache store = new SchemaStore.Cache();

    private SchemaHistory(Map<Long, Version> byFingerprint) {
        this.versions = byFingerprint.values().toArray(Version[]::new);
        byFingerprint.values().forEach(v -> store.addSchema(v.schema()));
    }

    public static SchemaHistory released() {
        return RELEASED;
    }

    /** The released version with this fingerprint, or null when there is none. */
    public Version find(long fingerprint) {
        for (Version version : versions) {
            if (version.fingerprint() == fingerprint) {
                return version;
            }
        }
        return null;
    }

    public SchemaStore store() {
        return store;
    }

    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    private static SchemaHistory load() {
        Map<Long, Version> versions = new HashMap<>();
        add(versions, RecordKind.RAW, NumberEvent.getClassSchema());
        add(versions, RecordKind.PAIR, NumberPair.getClassSchema());
        add(versions, RecordKind.UNPAIRED, UnpairedNumber.getClassSchema());
        for (String resource : RELEASED_RESOURCES) {
            Schema schema = parse(resource);
            add(versions, kindOf(schema), schema);
        }
        return new SchemaHistory(versions);
    }

    private static void add(Map<Long, Version> versions, RecordKind kind, Schema schema) {
        long fingerprint = fingerprint(schema);
        versions.put(fingerprint, new Version(kind, schema, fingerprint));
    }

    private static RecordKind kindOf(Schema schema) {
        for (RecordKind kind : RecordKind.values()) {
            if (kind.schemaName().equals(schema.getName())) {
                return kind;
            }
        }
        throw new IllegalStateException("released schema " + schema.getFullName() + " is of no known kind");
    }

    private static Schema parse(String resource) {
        try (InputStream in = SchemaHistory.class.getResourceAsStream("/dev/pairing/schemas/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing released schema " + resource);
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
