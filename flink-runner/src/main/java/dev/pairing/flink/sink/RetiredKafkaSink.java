package dev.pairing.flink.sink;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.kafka.sink.KafkaCommittable;
import org.apache.flink.connector.kafka.sink.KafkaWriterState;

/**
 * A Kafka sink that earlier versions of the job had and this one writes nothing through, kept under
 * its uid and transactional-id prefix so that what it left behind is dealt with:
 * <ul>
 *   <li>its committer commits the transactions a restored checkpoint or savepoint holds for it
 *       (guarded as before: a lost one stops the job), since the broker still has them open;</li>
 *   <li>when it starts, its writer aborts what the previous run left open under its prefix, as the
 *       connector's writer does, so read_committed readers of its topic are not held back;</li>
 *   <li>after that its writer holds no producer, starts no transactions and snapshots no state, so a
 *       checkpoint costs it nothing.</li>
 * </ul>
 * It is fed a stream nobody emits to. Once every checkpoint that may hold its transactions is gone,
 * a later version can drop it.
 */
public final class RetiredKafkaSink<IN> extends ForwardingKafkaSink<IN, GuardedKafkaSink<?>> {

    private static final long serialVersionUID = 1L;

    private RetiredKafkaSink(GuardedKafkaSink<?> sink) {
        super(sink);
    }

    /**
     * @param sink the sink as the earlier version built it: its prefix, topic and producer settings
     * @param <IN> the type of the stream it is fed, which never carries a record
     * @return the sink, retired
     */
    public static <IN> RetiredKafkaSink<IN> of(GuardedKafkaSink<?> sink) {
        return new RetiredKafkaSink<>(sink);
    }

    @Override
    public PrecommittingStatefulSinkWriter<IN, KafkaWriterState, KafkaCommittable> createWriter(
            WriterInitContext context) throws IOException {
        return restoreWriter(context, List.of());
    }

    @Override
    public PrecommittingStatefulSinkWriter<IN, KafkaWriterState, KafkaCommittable> restoreWriter(
            WriterInitContext context, Collection<KafkaWriterState> recoveredState) throws IOException {
        // the connector's writer aborts the lingering transactions when it opens; it is not needed after
        try (var opened = delegate().restoreWriter(context, recoveredState)) {
            return new IdleWriter<>();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("the retired sink's writer did not close", e);
        }
    }

    /** Writes nothing, commits nothing, keeps nothing. */
    private static final class IdleWriter<IN> implements PrecommittingStatefulSinkWriter<IN, KafkaWriterState, KafkaCommittable> {

        @Override
        public void write(IN element, Context context) {
            throw new IllegalStateException("a retired sink was given a record to write");
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public Collection<KafkaCommittable> prepareCommit() {
            return List.of();
        }

        @Override
        public List<KafkaWriterState> snapshotState(long checkpointId) {
            return List.of();
        }

        @Override
        public void close() {}
    }
}
