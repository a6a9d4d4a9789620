package dev.pairing.flink.sink;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.connector.kafka.sink.KafkaCommittable;

/** A commit request as Flink's committer operator passes it, recording what the committer signals. */
final class RecordingCommitRequest implements Committer.CommitRequest<KafkaCommittable> {

    private final KafkaCommittable committable;
    final List<String> signals = new ArrayList<>();

    RecordingCommitRequest(KafkaCommittable committable) {
        this.committable = committable;
    }

    @Override
    public KafkaCommittable getCommittable() {
        return committable;
    }

    @Override
    public int getNumberOfRetries() {
        return 0;
    }

    @Override
    public void signalFailedWithKnownReason(Throwable t) {
        signals.add("failed");
    }

    @Override
    public void signalFailedWithUnknownReason(Throwable t) {
        signals.add("failed for an unknown reason");
        throw new IllegalStateException("Failed to commit " + committable, t);
    }

    @Override
    public void retryLater() {
        signals.add("retry");
    }

    @Override
    public void updateAndRetryLater(KafkaCommittable committable) {
        signals.add("retry");
    }

    @Override
    public void signalAlreadyCommitted() {
        signals.add("already committed");
    }
}
