package dev.pairing.benchmarks;

import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.validation.Decoded;
import dev.pairing.schemas.codec.OutputCodec;
import dev.pairing.schemas.codec.RawValueCodec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Cost per record of the codec on the hot path: decoding raw values, encoding outputs. */
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

    @Benchmark
    public byte[] encodePair() {
        return OutputCodec.encode(pair, 12);
    }
}
