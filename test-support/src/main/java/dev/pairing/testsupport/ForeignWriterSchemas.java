package dev.pairing.testsupport;

import dev.pairing.schemas.codec.ConfluentWireFormat;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Writer schemas another team's producer might register for raw numbers: older and newer than this
 * project's, all resolvable to its {@code NumberEvent}, and what their serializer writes with them.
 */
public final class ForeignWriterSchemas {

    /** The number alone. */
    public static final Schema V1 = parse("""
            {"type":"record","name":"NumberEvent","namespace":"dev.pairing.schemas.avro",
             "fields":[{"name":"value","type":"long"},
                       {"name":"sequence","type":["null","long"],"default":null}]}""");

    /** V1 plus a field this project does not know, with a default. */
    public static final Schema V2 = parse("""
            {"type":"record","name":"NumberEvent","namespace":"dev.pairing.schemas.avro",
             "fields":[{"name":"value","type":"long"},
                       {"name":"sequence","type":["null","long"],"default":null},
                       {"name":"origin","type":"string","default":"unknown"}]}""");

    /** V2 plus one more field with a default. */
    public static final Schema V3 = parse("""
            {"type":"record","name":"NumberEvent","namespace":"dev.pairing.schemas.avro",
             "fields":[{"name":"value","type":"long"},
                       {"name":"sequence","type":["null","long"],"default":null},
                       {"name":"origin","type":"string","default":"unknown"},
                       {"name":"region","type":"string","default":"eu"}]}""");

    private ForeignWriterSchemas() {}

    /** A number as a Confluent serializer writes it with this schema, registered under this id. */
    public static byte[] framed(int schemaId, Schema writer, long value, long sequence) {
        GenericRecord record = new GenericData.Record(writer);
        for (Schema.Field field : writer.getFields()) {
            record.put(field.pos(), GenericData.get().deepCopy(field.schema(),
                    field.hasDefaultValue() ? GenericData.get().getDefaultValue(field) : null));
        }
        record.put("value", value);
        record.put("sequence", sequence);
        return ConfluentWireFormat.encode(schemaId, record);
    }

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }
}
