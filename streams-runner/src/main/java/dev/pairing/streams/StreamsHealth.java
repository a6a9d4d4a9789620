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
        KafkaStreams.State state = streams.state();
        return state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED
                ? Status.up(state.name()) : Status.down(state.name());
    }

    @Override
    public Status ready() {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            return Status.down(state.name());
        }
        int active = 0;
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            active += thread.activeTasks().size();
        }
        return active > 0 ? Status.up("RUNNING with " + active + " active tasks")
                : Status.down("RUNNING without an active task");
    }
}
