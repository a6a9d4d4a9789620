package dev.pairing.schemas.codec;

import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.schemas.avro.NumberPair;
import dev.pairing.schemas.avro.UnpairedNumber;
import dev.pairing.schemas.avro.UnpairedReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.message.BinaryMessageDecoder;

/**
 * Encodes the core's outcomes as the Avro records of enriched-topic and unpaired-topic, and reads
 * them back (any released version). Encoding is a pure function of the outcome, which is what makes
 * both engines write the same bytes.
 */
public final class OutputCodec {

    private static final BinaryMessageDecoder<NumberPair> PAIRS =
            NumberPair.createDecoder(SchemaHistory.released().store());
    private static final BinaryMessageDecoder<UnpairedNumber> UNPAIRED =
            UnpairedNumber.createDecoder(SchemaHistory.released().store());

    private OutputCodec() {}

    public static NumberPair toAvro(Pair pair, int pairSum) {
        return new NumberPair(pairSum, pair.low(), pair.high(), toAvro(pair.first()), toAvro(pair.second()));
    }

    public static UnpairedNumber toAvro(Unpaired unpaired, int pairSum) {
        return new UnpairedNumber(pairSum, toAvro(unpaired.event()), UnpairedReason.valueOf(unpaired.reason().name()));
    }

    /** The same bytes as {@code toAvro(pair, pairSum).toByteBuffer()}, written without building the record. */
    public static byte[] encode(Pair pair, int pairSum) {
        return DirectOutputWriter.singleObject(pair, pairSum);
    }

    /** The same bytes as {@code toAvro(unpaired, pairSum).toByteBuffer()}, written without building the record. */
    public static byte[] encode(Unpaired unpaired, int pairSum) {
        return DirectOutputWriter.singleObject(unpaired, pairSum);
    }

    /** Reads an enriched-topic value; throws on anything that is not a NumberPair. */
    public static NumberPair decodePair(byte[] value) {
        try {
            return PAIRS.decode(ByteBuffer.wrap(value));
        } catch (IOException e) {
            throw new UncheckedIOException("not a NumberPair", e);
        }
    }

    /** Reads an unpaired-topic value; throws on anything that is not an UnpairedNumber. */
    public static UnpairedNumber decodeUnpaired(byte[] value) {
        try {
            return UNPAIRED.decode(ByteBuffer.wrap(value));
        } catch (IOException e) {
            throw new UncheckedIOException("not an UnpairedNumber", e);
        }
    }

    public static SourceEvent fromAvro(dev.pairing.schemas.avro.SourceEvent event) {
        return new SourceEvent(event.getValue(), event.getPartition(), event.getOffset(), event.getTimestamp(),
                event.getSequence());
    }

    private static dev.pairing.schemas.avro.SourceEvent toAvro(SourceEvent event) {
        return new dev.pairing.schemas.avro.SourceEvent(event.value(), event.partition(), event.offset(),
                event.timestamp(), event.sequence());
    }
}
