package dev.pairing.producer;

import dev.pairing.core.PairingRules;
import dev.pairing.schemas.avro.NumberEvent;
import dev.pairing.schemas.codec.ComplementClassKey;
import dev.pairing.schemas.codec.ConfluentWireFormat;
import dev.pairing.schemas.codec.RawValueCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The producer's records, as a deterministic function of a seed: valid numbers uniform in
 * 0..pairSum, and at {@code corruptRate} a corrupted record (out-of-range numbers and undecodable
 * bytes). Every record is keyed by a complement class, so a class lives in one partition and both
 * engines see it in the same order. Kafka-free, so tests and benchmarks generate the same stream.
 */
public final class NumberStream {

    /**
     * How values are written: Avro single-object encoding, decimal text, or Avro in Confluent's wire
     * format under a schema id the registry gave.
     */
    public enum Format { AVRO, TEXT, CONFLUENT }

    /** What a generated record is meant to be, for the producer's counts and for tests. */
    public enum Kind { VALID, OUT_OF_RANGE, UNDECODABLE }

    /** One record to send. {@code value} may be empty but is never null. */
    public record Generated(long sequence, byte[] key, byte[] value, Kind kind) {}

    private final PairingRules rules;
    private final double corruptRate;
    private final Format format;
    private final SplittableRandom random;
    private final int schemaId;
    private long sequence;

    public NumberStream(int pairSum, double corruptRate, Format format, long seed) {
        this(pairSum, corruptRate, format, seed, -1);
    }

    /** @param schemaId the registry's id of {@code NumberEvent}'s schema, for {@link Format#CONFLUENT} */
    public NumberStream(int pairSum, double corruptRate, Format format, long seed, int schemaId) {
        if (format == Format.CONFLUENT && schemaId < 0) {
            throw new IllegalArgumentException("Confluent's wire format needs the schema's registry id");
        }
        if (corruptRate < 0 || corruptRate > 1) {
            throw new IllegalArgumentException("corruptRate must be within 0..1, got " + corruptRate);
        }
        this.rules = new PairingRules(pairSum);
        this.corruptRate = corruptRate;
        this.format = format;
        this.random = new SplittableRandom(seed);
        this.schemaId = schemaId;
    }

    /**
     * The next record. {@code producedAt} goes into Avro values only; it does not change what is
     * generated, so the same seed gives the same values whatever the clock says.
     */
    public Generated next(long producedAt) {
        long seq = sequence++;
        if (random.nextDouble() >= corruptRate) {
            long value = random.nextLong(rules.pairSum() + 1L);
            return new Generated(seq, key(rules.complementClass(value)), encode(value, seq, producedAt), Kind.VALID);
        }
        byte[] key = key(random.nextInt(rules.classCount()));
        int variant = random.nextInt(7);
        return switch (variant) {
            case 0 -> new Generated(seq, key, encode(-1 - random.nextInt(1000), seq, producedAt), Kind.OUT_OF_RANGE);
            case 1 -> new Generated(seq, key,
                    encode(rules.pairSum() + 1L + random.nextInt(1000), seq, producedAt), Kind.OUT_OF_RANGE);
            case 2 -> new Generated(seq, key, encode(Long.MAX_VALUE - random.nextInt(1000), seq, producedAt),
                    Kind.OUT_OF_RANGE);
            case 3 -> new Generated(seq, key, randomText(), Kind.UNDECODABLE);
            case 4 -> new Generated(seq, key, truncatedAvro(seq), Kind.UNDECODABLE);
            case 5 -> new Generated(seq, key, new byte[0], Kind.UNDECODABLE);
            default -> new Generated(seq, key, randomBytes(), Kind.UNDECODABLE);
        };
    }

    private static byte[] key(int complementClass) {
        return ComplementClassKey.encode(complementClass);
    }

    private byte[] encode(long value, long seq, Long producedAt) {
        return switch (format) {
            case AVRO -> RawValueCodec.encodeAvro(value, seq, producedAt);
            case TEXT -> RawValueCodec.encodeText(value);
            case CONFLUENT -> ConfluentWireFormat.encode(schemaId, new NumberEvent(value, seq, producedAt));
        };
    }

    private byte[] randomText() {
        String[] samples = {"seven", "7.5", "0x0C", "twelve", "1e3", "NaN", "-", "12a", " 7 "};
        return samples[random.nextInt(samples.length)].getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] truncatedAvro(long seq) {
        long value = random.nextInt(rules.pairSum() + 1);
        byte[] full = format == Format.CONFLUENT ? encode(value, seq, null) : RawValueCodec.encodeAvro(value, seq, null);
        return Arrays.copyOf(full, 3 + random.nextInt(full.length - 3));
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[1 + random.nextInt(24)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        // a plain digit string would be a valid number, and the Avro marker could decode: avoid both
        bytes[0] = (byte) (0x80 | random.nextInt(0x40));
        return bytes;
    }
}
