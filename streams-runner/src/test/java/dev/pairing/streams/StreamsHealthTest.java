package dev.pairing.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

/**
 * The probes' rule for every state Kafka Streams can be in, state by state; {@code HealthProbesIT}
 * asks the probes over HTTP during a real rebalance (held open) and after a fatal error.
 */
class StreamsHealthTest {

    @Test
    void readyOnlyWhileRunningWithAnActiveTask() {
        for (State state : State.values()) {
            assertThat(StreamsHealth.readiness(state, 3).ok()).as(state.name()).isEqualTo(state == State.RUNNING);
        }
        assertThat(StreamsHealth.readiness(State.REBALANCING, 3).detail()).isEqualTo("REBALANCING");
        assertThat(StreamsHealth.readiness(State.RUNNING, 0).ok()).as("running without a task").isFalse();
    }

    @Test
    void liveWhileStartingRebalancingOrRunning() {
        EnumSet<State> live = EnumSet.of(State.CREATED, State.REBALANCING, State.RUNNING);
        for (State state : State.values()) {
            assertThat(StreamsHealth.liveness(state).ok()).as(state.name()).isEqualTo(live.contains(state));
        }
    }
}
