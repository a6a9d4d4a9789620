package dev.pairing.schemas.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Confluent's wire format: a magic byte 0, the schema's registry id as 4 big-endian bytes, then
 * the Avro binary body (no fingerprint, no container). What every Confluent-style serializer writes.
 */
public final class ConfluentWireFormat {

    public static final byte MAGIC = 0;
    public static final int HEADER_BYTES = 5;

    private ConfluentWireFormat() {}

    public static boolean isFramed(byte[] value) {
        return value.length > 0 && value[0] == MAGIC;
    }

    /** The schema id of a framed value at least {@link #HEADER_BYTES} long. */
    public static int schemaId(byte[] value) {
        return ByteBuffer.wrap(value, 1, 4).getInt();
    }

    /** The record's Avro binary body (under its own schema) after the header naming this schema id. */
    public static byte[] encode(int schemaId, IndexedRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(MAGIC);
        out.writeBytes(ByteBuffer.allocate(4).putInt(schemaId).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            new SpecificDatumWriter<IndexedRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
