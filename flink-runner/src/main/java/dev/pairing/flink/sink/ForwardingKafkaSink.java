package dev.pairing.flink.sink;

import java.io.IOException;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.connector.kafka.sink.KafkaCommittable;
import org.apache.flink.connector.kafka.sink.KafkaWriterState;
import org.apache.flink.connector.kafka.sink.TwoPhaseCommittingStatefulSink;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.SupportsPostCommitTopology;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * A Kafka sink that is another one in all but its writers (and what a subclass overrides): the
 * committer, the committables' and the writer state's serializers and the post-commit topology are
 * the delegate's, so what one of them wrote into a checkpoint the other restores.
 *
 * @param <IN> the records it is fed
 * @param <S>  the sink it forwards to
 */
abstract class ForwardingKafkaSink<IN, S extends TwoPhaseCommittingStatefulSink<?, KafkaWriterState, KafkaCommittable>
        & SupportsPostCommitTopology<KafkaCommittable>>
        implements TwoPhaseCommittingStatefulSink<IN, KafkaWriterState, KafkaCommittable>,
        SupportsPostCommitTopology<KafkaCommittable> {

    private static final long serialVersionUID = 1L;

    private final S delegate;

    ForwardingKafkaSink(S delegate) {
        this.delegate = delegate;
    }

    /** The sink this one forwards to. */
    final S delegate() {
        return delegate;
    }

    @Override
    public Committer<KafkaCommittable> createCommitter(CommitterInitContext context) throws IOException {
        return delegate.createCommitter(context);
    }

    @Override
    public SimpleVersionedSerializer<KafkaCommittable> getCommittableSerializer() {
        return delegate.getCommittableSerializer();
    }

    @Override
    public SimpleVersionedSerializer<KafkaWriterState> getWriterStateSerializer() {
        return delegate.getWriterStateSerializer();
    }

    @Override
    public void addPostCommitTopology(DataStream<CommittableMessage<KafkaCommittable>> committables) {
        delegate.addPostCommitTopology(committables);
    }
}
