package dev.pairing.benchmarks.e2e;

import dev.pairing.launcher.process.Poll;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * When a run's output became visible to a read_committed reader, from the output partitions' last
 * stable offsets, polled every {@link #EVERY}: the bench reads no record, so the reader costs the
 * shared cores next to nothing (issue 23 found a reader consuming every record beside the engine).
 * Offsets count records and transaction markers alike; the markers, one per partition per commit,
 * come at the same pace as the records, so offsets measure progress in the same proportion.
 *
 * <p>A drain is done when the last stable offsets add up to at least the expected records, the
 * run's group has committed its whole input, and no output partition has an open transaction (each
 * last stable offset is its high watermark): nothing more can become visible. It ended when the
 * last stable offsets last grew.
 */
final class OutputWatch {

    static final Duration EVERY = Duration.ofMillis(50);

    /**
     * Wall-clock nanos (System.nanoTime) of visibility, in output offsets.
     *
     * @param firstOffsets what the first commit made visible: not part of the rate, which starts there
     * @param offsets      what was visible at the end
     * @param cpu          the CPU the processes used from first to last visible output
     */
    record Drain(long startNanos, long firstVisibleNanos, long firstOffsets, long lastVisibleNanos, long offsets,
            CpuTimes cpu) {

        /** Input events per second from the first visible output to the last, scaled from output offsets to inputs. */
        double eventsPerSecond(long inputs) {
            return eventsInWindow(inputs) / windowSeconds();
        }

        /** The input events whose output became visible within the window. */
        double eventsInWindow(long inputs) {
            return (double) (offsets - firstOffsets) * inputs / offsets;
        }

        /** What {@link #eventsPerSecond} is measured over. */
        double windowSeconds() {
            return (lastVisibleNanos - firstVisibleNanos) / 1e9;
        }

        double wallSeconds() {
            return (lastVisibleNanos - startNanos) / 1e9;
        }

        double firstVisibleSeconds() {
            return (firstVisibleNanos - startNanos) / 1e9;
        }
    }

    /**
     * What one run is watched for.
     *
     * @param outputs  the topics whose output is counted
     * @param raw      the topic the run reads
     * @param groupId  the run's consumer group, which commits its input offsets
     * @param expected how many records the outputs get
     */
    record Watched(List<String> outputs, String raw, String groupId, long expected) {}

    private OutputWatch() {}

    /**
     * Waits until the run's whole output is visible.
     *
     * @param startNanos when the run was started, for the wall figure
     * @param healthy    checked between polls; false stops the wait with an error
     * @param cpu        sampled when the first output becomes visible and whenever more does
     */
    static Drain await(BrokerOffsets broker, Watched w, long startNanos, Duration timeout, BooleanSupplier healthy,
            ProcessCpu cpu, String phase, PrintStream out) {
        Progress progress = new Progress(out, phase);
        // the harness creates every output topic before the run starts
        List<TopicPartition> partitions = broker.partitions(w.outputs());
        long rawEnd = broker.end(w.raw());
        long deadline = System.nanoTime() + timeout.toNanos();
        long first = -1;
        long firstOffsets = 0;
        long last = -1;
        long visible = 0;
        CpuTimes atFirst = CpuTimes.NONE;
        CpuTimes atLast = CpuTimes.NONE;
        while (true) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(phase + ": only " + visible + " of " + w.expected()
                        + " output offsets visible after " + timeout.toSeconds() + " s");
            }
            if (!healthy.getAsBoolean()) {
                throw new IllegalStateException(phase + ": the run stopped after " + visible + " of " + w.expected()
                        + " output offsets");
            }
            long now = broker.visible(partitions);
            long at = System.nanoTime();
            if (now > visible) {
                CpuTimes sample = cpu.sample();
                if (first < 0) {
                    first = at;
                    firstOffsets = now;
                    atFirst = sample;
                }
                last = at;
                atLast = sample;
                visible = now;
            }
            progress.tick(visible, w.expected());
            if (visible >= w.expected() && broker.committed(w.groupId(), w.raw()) >= rawEnd
                    && broker.visibleIfSettled(partitions) == visible) {
                return new Drain(startNanos, first, firstOffsets, last, visible, atLast.minus(atFirst));
            }
            Poll.pause(EVERY);
        }
    }

    /** A group-less read_committed consumer's settings: the latency runs read every record they time. */
    static Properties readCommitted(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return ClientSettings.consumer(props);
    }
}
