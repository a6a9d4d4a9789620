package dev.pairing.benchmarks;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.ComplementMatcher;
import dev.pairing.core.matching.InMemoryPendingStore;
import dev.pairing.core.matching.MatchListener;
import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.matching.Unpaired;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Events per second through the matcher on one thread, with no backlog and behind backlogs of
 * waiting numbers of one side: 1 separates the drained-queue fast path from the backlog's size,
 * 10,000 fits the caches, a million does not. Each invocation is one event that queues and one that pairs
 * with the oldest, so the backlog stays the same size throughout.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MatcherBenchmark {

    @Param({"0", "1", "10000", "1000000"})
    public int backlog;

    private ComplementMatcher matcher;
    private SourceEvent waiting;
    private SourceEvent complement;
    private MatchListener listener;

    @Setup
    public void setUp(Blackhole blackhole) {
        matcher = new ComplementMatcher(new PairingRules(12), new PendingLimits(2_000_000, 0), new InMemoryPendingStore());
        listener = new MatchListener() {
            @Override
            public void onPair(Pair pair) {
                blackhole.consume(pair);
            }

            @Override
            public void onUnpaired(Unpaired unpaired) {
                blackhole.consume(unpaired);
            }
        };
        waiting = new SourceEvent(3, 0, 1, 1, 1L);
        complement = new SourceEvent(9, 0, 2, 2, 2L);
        for (int i = 0; i < backlog; i++) {
            matcher.onEvent(waiting, listener);
        }
    }

    @Benchmark
    @OperationsPerInvocation(2)
    public void queueOneAndPairOne() {
        matcher.onEvent(waiting, listener);
        matcher.onEvent(complement, listener);
    }
}
