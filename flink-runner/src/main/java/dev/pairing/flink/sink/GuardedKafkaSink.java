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

/**
 * A {@link KafkaSink} whose committer fails the job when a checkpointed transaction is lost or
 * forgotten by the broker ({@link LostTransactionGuard}); everything else, including its state and committables, is the
 * connector's own, so savepoints taken with the plain sink restore.
 */
public final class GuardedKafkaSink<IN> extends ForwardingKafkaSink<IN, KafkaSink<IN>> {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final Properties client;
    private final boolean acceptExpired;

    /**
     * @param client        Kafka client properties that reach the transaction coordinator (the sink's)
     * @param acceptExpired a restored transaction the broker forgot counts as ended (see {@link LostTransactionGuard})
     */
    GuardedKafkaSink(KafkaSink<IN> sink, String topic, Properties client, boolean acceptExpired) {
        super(sink);
        this.topic = topic;
        this.client = client;
        this.acceptExpired = acceptExpired;
    }

    @Override
    public Committer<KafkaCommittable> createCommitter(CommitterInitContext context) throws IOException {
        return new LostTransactionGuard(super.createCommitter(context), topic, client, acceptExpired,
                FlinkMetricBinding.meter(context.metricGroup(), PipelineMetric.Step.COMMITS));
    }

    @Override
    public PrecommittingStatefulSinkWriter<IN, KafkaWriterState, KafkaCommittable> createWriter(
            WriterInitContext context) throws IOException {
        return delegate().createWriter(context);
    }

    @Override
    public PrecommittingStatefulSinkWriter<IN, KafkaWriterState, KafkaCommittable> restoreWriter(
            WriterInitContext context, Collection<KafkaWriterState> recoveredState) throws IOException {
        return delegate().restoreWriter(context, recoveredState);
    }
}
