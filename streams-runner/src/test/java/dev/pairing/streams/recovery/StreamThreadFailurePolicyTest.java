package dev.pairing.streams.recovery;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class StreamThreadFailurePolicyTest {

    /** What Kafka Streams throws against a 4.3.1 broker whose coordinator aborted the transaction it commits (KAFKA-20785). */
    private static StreamsException commitAfterCoordinatorAbort() {
        return new StreamsException("Error encountered trying to commit a transaction",
                new InvalidTxnStateException("The producer attempted a transactional operation in an invalid state."));
    }

    @Test
    void aTransactionTheBrokerAlreadyDecidedReplacesTheThread() {
        StreamThreadFailurePolicy policy = StreamThreadFailurePolicy.standard();

        assertThat(policy.decide(commitAfterCoordinatorAbort())).isEqualTo(REPLACE_THREAD);
        assertThat(policy.decide(new StreamsException(new ProducerFencedException("fenced")))).isEqualTo(REPLACE_THREAD);
    }

    @Test
    void causesThatComeBackAtOnceStopTheApplication() {
        StreamThreadFailurePolicy policy = StreamThreadFailurePolicy.standard();

        assertThat(policy.decide(new StreamsException(new GroupAuthorizationException("group"))))
                .isEqualTo(SHUTDOWN_CLIENT);
        assertThat(policy.decide(new TransactionalIdAuthorizationException("txn id"))).isEqualTo(SHUTDOWN_CLIENT);
        assertThat(policy.decide(new SaslAuthenticationException("bad password"))).isEqualTo(SHUTDOWN_CLIENT);
        assertThat(policy.decide(new IllegalStateException("a bug"))).isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void aCauseThatKeepsComingBackStopsTheApplicationAfterTheBudget() {
        MutableClock clock = new MutableClock();
        StreamThreadFailurePolicy policy = new StreamThreadFailurePolicy(2, Duration.ofMinutes(10), clock);

        assertThat(policy.decide(commitAfterCoordinatorAbort())).isEqualTo(REPLACE_THREAD);
        assertThat(policy.decide(commitAfterCoordinatorAbort())).isEqualTo(REPLACE_THREAD);
        assertThat(policy.decide(commitAfterCoordinatorAbort())).isEqualTo(SHUTDOWN_CLIENT);

        clock.advance(Duration.ofMinutes(10));
        assertThat(policy.decide(commitAfterCoordinatorAbort())).as("the window moved on").isEqualTo(REPLACE_THREAD);
    }

    @Test
    void aSelfReferencingCauseChainEnds() {
        RuntimeException loop = new RuntimeException("loop") {
            @Override
            public synchronized Throwable getCause() {
                return this;
            }
        };
        assertThat(StreamThreadFailurePolicy.transientCause(loop)).isNull();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
