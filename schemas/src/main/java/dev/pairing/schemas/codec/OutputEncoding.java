package dev.pairing.schemas.codec;

import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.Unpaired;
import java.io.Serializable;

/**
 * How pairs and unpaired records are written: single-object Avro (the default, no registry needed)
 * or Confluent's wire format under the ids the registry gave their subjects, which is what
 * registry-aware tools (Kafka UI, Confluent's deserializers) read. Either way a pure function of the
 * outcome and the ids, so two engines given the same registry write the same bytes.
 *
 * @param pairSchemaId     the registry id of {@code NumberPair} under the enriched topic's subject
 * @param unpairedSchemaId the registry id of {@code UnpairedNumber} under the unpaired topic's subject
 */
public record OutputEncoding(Format format, int pairSchemaId, int unpairedSchemaId) implements Serializable {

    /** The {@code --outputFormat} values. */
    public enum Format { AVRO, CONFLUENT }

    public static final OutputEncoding SINGLE_OBJECT = new OutputEncoding(Format.AVRO, -1, -1);
    /** Confluent's format asked for, its ids not yet known: registration at start fills them in. */
    public static final OutputEncoding CONFLUENT_UNREGISTERED = new OutputEncoding(Format.CONFLUENT, -1, -1);

    public static OutputEncoding confluent(int pairSchemaId, int unpairedSchemaId) {
        return new OutputEncoding(Format.CONFLUENT, pairSchemaId, unpairedSchemaId);
    }

    public boolean needsRegistration() {
        return format == Format.CONFLUENT && (pairSchemaId < 0 || unpairedSchemaId < 0);
    }

    public byte[] encode(Pair pair, int pairSum) {
        return format == Format.AVRO ? OutputCodec.encode(pair, pairSum)
                : DirectOutputWriter.confluent(registered(pairSchemaId), pair, pairSum);
    }

    public byte[] encode(Unpaired unpaired, int pairSum) {
        return format == Format.AVRO ? OutputCodec.encode(unpaired, pairSum)
                : DirectOutputWriter.confluent(registered(unpairedSchemaId), unpaired, pairSum);
    }

    private static int registered(int id) {
        if (id < 0) {
            throw new IllegalStateException("Confluent's output format before its schemas were registered");
        }
        return id;
    }
}
