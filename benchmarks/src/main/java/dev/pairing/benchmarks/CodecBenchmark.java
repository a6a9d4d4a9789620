package dev.pairing.benchmarks;

import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.validation.Decoded;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.core.matching.UnpairedReason;
import dev.pairing.schemas.avro.NumberEvent;
import dev.pairing.schemas.codec.ConfluentWireFormat;
import dev.pairing.schemas.codec.OutputCodec;
import dev.pairing.schemas.codec.OutputEncoding;
import dev.pairing.schemas.codec.RawValueCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per record of the codec on the hot path: decoding raw values, encoding outputs. The
 * {@code ...AvroWriter} and {@code ...AvroReader} cases are the Avro library paths the codec used
 * before it wrote and read these records directly, kept to show what the direct paths save.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {

    private final RawValueCodec codec = new RawValueCodec();
    private final byte[] avro = RawValueCodec.encodeAvro(7, 123_456_789L, 1_700_000_000_000L);
    private final byte[] text = RawValueCodec.encodeText(7);
    private final Pair pair = new Pair(new SourceEvent(5, 1, 1_000_000, 1_700_000_000_000L, 41L),
            new SourceEvent(7, 1, 1_000_003, 1_700_000_000_010L, 44L));
    private final Unpaired unpaired = new Unpaired(pair.first(), UnpairedReason.EXPIRED);
    private final OutputEncoding confluent = OutputEncoding.confluent(3, 4);
    private final SpecificDatumReader<NumberEvent> avroReader = new SpecificDatumReader<>(NumberEvent.getClassSchema());
    private BinaryDecoder avroDecoder;

    @Benchmark
    public Decoded decodeAvro() {
        return codec.decode(avro);
    }

    @Benchmark
    public Decoded decodeText() {
        return codec.decode(text);
    }

    @Benchmark
    public byte[] encodeRawAvro() {
        return RawValueCodec.encodeAvro(7, 123_456_789L, 1_700_000_000_000L);
    }

    /** What {@code decodeAvro} did before the direct reading: Avro's reader over the body. */
    @Benchmark
    public NumberEvent decodeAvroAvroReader() throws IOException {
        avroDecoder = DecoderFactory.get().binaryDecoder(avro, 10, avro.length - 10, avroDecoder);
        return avroReader.read(null, avroDecoder);
    }

    @Benchmark
    public byte[] encodePair() {
        return OutputCodec.encode(pair, 12);
    }

    @Benchmark
    public byte[] encodePairAvroWriter() throws IOException {
        return bytes(OutputCodec.toAvro(pair, 12).toByteBuffer());
    }

    @Benchmark
    public byte[] encodeUnpaired() {
        return OutputCodec.encode(unpaired, 12);
    }

    @Benchmark
    public byte[] encodeUnpairedAvroWriter() throws IOException {
        return bytes(OutputCodec.toAvro(unpaired, 12).toByteBuffer());
    }

    @Benchmark
    public byte[] encodePairConfluent() {
        return confluent.encode(pair, 12);
    }

    @Benchmark
    public byte[] encodePairConfluentAvroWriter() {
        return ConfluentWireFormat.encode(3, OutputCodec.toAvro(pair, 12));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
