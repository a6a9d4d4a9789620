package dev.pairing.flink.sink;

import dev.pairing.flink.metrics.FlinkMetricBinding;
import dev.pairing.runtime.metrics.PipelineMetric;
import java.io.IOException;
import java.util.Collection;
import java.util.Properties;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.kafka.sink.KafkaCommittable;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaWriterState;
import org.apache.flink.connector.kafka.sink.TwoPhaseCommittingStatefulSink;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.SupportsPostCommitTopology;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * A {@link KafkaSink} whose committer fails the job when a checkpointed transaction is lost or
 * forgotten by the broker ({@link LostTransactionGuard}); everything else, including its state and committables, is the
 * connector's own, so savepoints taken with the plain sink restore.
 */
public final class GuardedKafkaSink<IN> implements TwoPhaseCommittingStatefulSink<IN, KafkaWriterState, KafkaCommittable>,
        SupportsPostCommitTopology<KafkaCommittable> {

    private static final long serialVersionUID = 1L;

    private final KafkaSink<IN> sink;
    private final String topic;
    private final Properties client;
    private final boolean acceptExpired;

    /**
     * @param client        Kafka client properties that reach the transaction coordinator (the sink's)
     * @param acceptExpired a restored transaction the broker forgot counts as ended (see {@link LostTransactionGuard})
     */
    GuardedKafkaSink(KafkaSink<IN> sink, String topic, Properties client, boolean acceptExpired) {
        this.sink = sink;
        this.topic = topic;
        this.client = client;
        this.acceptExpired = acceptExpired;
    }

    @Override
    public Committer<KafkaCommittable> createCommitter(CommitterInitContext context) throws IOException {
        return new LostTransactionGuard(sink.createCommitter(context), topic, client, acceptExpired,
                FlinkMetricBinding.meter(context.metricGroup(), PipelineMetric.Step.COMMITS));
    }

    @Override
    public SimpleVersionedSerializer<KafkaCommittable> getCommittableSerializer() {
        return sink.getCommittableSerializer();
    }

    @Override
    public PrecommittingStatefulSinkWriter<IN, KafkaWriterState, KafkaCommittable> createWriter(
            WriterInitContext context) throws IOException {
        return sink.createWriter(context);
    }

    @Override
    public PrecommittingStatefulSinkWriter<IN, KafkaWriterState, KafkaCommittable> restoreWriter(
            WriterInitContext context, Collection<KafkaWriterState> recoveredState) throws IOException {
        return sink.restoreWriter(context, recoveredState);
    }

    @Override
    public SimpleVersionedSerializer<KafkaWriterState> getWriterStateSerializer() {
        return sink.getWriterStateSerializer();
    }

    @Override
    public void addPostCommitTopology(DataStream<CommittableMessage<KafkaCommittable>> committables) {
        sink.addPostCommitTopology(committables);
    }
}
