package dev.pairing.streams;

import dev.pairing.endpoint.Health;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * The Streams runner's answers to the probes. Live: Kafka Streams is starting, rebalancing or
 * running (not shutting down, not failed). Ready: it runs, and at least one of its stream threads
 * holds an active task; not while a rebalance moves tasks (a new instance joining, one leaving),
 * and never after a fatal error. An instance the group gives no task (more instances than raw
 * partitions) is live but not ready.
 */
final class StreamsHealth implements Health {

    private final KafkaStreams streams;

    StreamsHealth(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public Status live() {
        return liveness(streams.state());
    }

    @Override
    public Status ready() {
        KafkaStreams.State state = streams.state();
        int active = 0;
        if (state == KafkaStreams.State.RUNNING) {
            for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
                active += thread.activeTasks().size();
            }
        }
        return readiness(state, active);
    }

    /** Live while starting, rebalancing or running. */
    static Status liveness(KafkaStreams.State state) {
        return state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED
                ? Status.up(state.name()) : Status.down(state.name());
    }

    /** Ready only while running with at least one active task. */
    static Status readiness(KafkaStreams.State state, int activeTasks) {
        if (state != KafkaStreams.State.RUNNING) {
            return Status.down(state.name());
        }
        return activeTasks > 0 ? Status.up("RUNNING with " + activeTasks + " active tasks")
                : Status.down("RUNNING without an active task");
    }
}
