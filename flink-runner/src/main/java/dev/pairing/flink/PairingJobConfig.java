package dev.pairing.flink;

import dev.pairing.runtime.Guarantee;
import dev.pairing.runtime.PipelineSpec;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.CheckpointingMode;

/**
 * Everything the job needs: the engine-neutral {@link PipelineSpec} plus what only Flink has
 * (checkpointing and the sinks' transaction timeout). Built by {@link JobFlags} from the command
 * line, so the tests build the job exactly as {@code flink run} does; made in code with
 * {@link #builder(PipelineSpec)}.
 */
public final class PairingJobConfig {

    /** How often state is checkpointed when no {@code --checkpointInterval} is given. */
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    /**
     * Without a {@code transaction.timeout.ms} of the user's or the broker's maximum read by
     * {@link TransactionTimeout}: Kafka's default {@code transaction.max.timeout.ms}, the longest a
     * broker with default settings accepts.
     */
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = TransactionTimeout.KAFKA_DEFAULT_MAXIMUM;

    static final String TRANSACTION_TIMEOUT_MS = "transaction.timeout.ms";

    private final PipelineSpec pipeline;
    private final Duration checkpointInterval;
    private final boolean acceptExpiredTransactions;

    private PairingJobConfig(Builder b) {
        this.pipeline = Objects.requireNonNull(b.pipeline, "pipeline");
        this.checkpointInterval = Objects.requireNonNull(b.checkpointInterval, "checkpointInterval");
        this.acceptExpiredTransactions = b.acceptExpiredTransactions;
    }

    /**
     * A builder for a job of this pipeline, with the job's defaults for the rest.
     *
     * @param pipeline the pipeline to run
     * @return a new builder
     */
    public static Builder builder(PipelineSpec pipeline) {
        return new Builder(pipeline);
    }

    /**
     * A builder holding this config's values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(pipeline).checkpointInterval(checkpointInterval)
                .acceptExpiredTransactions(acceptExpiredTransactions);
    }

    public PipelineSpec pipeline() {
        return pipeline;
    }

    /**
     * How often state is checkpointed; with exactly-once it is also how often output becomes
     * visible to read_committed consumers.
     *
     * @return the interval
     */
    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    /**
     * Whether a restored checkpoint's transaction whose transactional id the broker has forgotten
     * ({@code transactional.id.expiration.ms}) counts as ended and the job goes on; false: the job
     * stops saying so ({@code --acceptExpiredTransactions}).
     *
     * @return true to go on
     */
    public boolean acceptExpiredTransactions() {
        return acceptExpiredTransactions;
    }

    /**
     * The same config for another pipeline (the spec start-up returned, say).
     *
     * @param newPipeline the pipeline
     * @return a new config
     */
    public PairingJobConfig withPipeline(PipelineSpec newPipeline) {
        return toBuilder().pipeline(newPipeline).build();
    }

    /** The sinks' transaction timeout: {@code transaction.timeout.ms} if set, else the default. */
    public Duration transactionTimeout() {
        return requestedTransactionTimeout().orElse(DEFAULT_TRANSACTION_TIMEOUT);
    }

    /** The {@code transaction.timeout.ms} of the Kafka properties, if set. */
    public Optional<Duration> requestedTransactionTimeout() {
        String ms = pipeline.kafkaProperties().getProperty(TRANSACTION_TIMEOUT_MS);
        return ms == null ? Optional.empty() : Optional.of(Duration.ofMillis(Long.parseLong(ms.trim())));
    }

    /**
     * Per sink: unique for the job (so two jobs never fence each other's transactions) and stable
     * across restarts (so a restarted job aborts what its predecessor left open).
     */
    public String transactionalIdPrefix(String sink) {
        return pipeline.groupId() + "-" + sink;
    }

    /** The sinks' delivery guarantee for the pipeline's {@link Guarantee}. */
    public DeliveryGuarantee sinkGuarantee() {
        return switch (pipeline.guarantee()) {
            case EXACTLY_ONCE -> DeliveryGuarantee.EXACTLY_ONCE;
            case AT_LEAST_ONCE -> DeliveryGuarantee.AT_LEAST_ONCE;
        };
    }

    /** The checkpointing mode for the pipeline's {@link Guarantee}. */
    public CheckpointingMode checkpointingMode() {
        return switch (pipeline.guarantee()) {
            case EXACTLY_ONCE -> CheckpointingMode.EXACTLY_ONCE;
            case AT_LEAST_ONCE -> CheckpointingMode.AT_LEAST_ONCE;
        };
    }

    /**
     * One line for the client's output, secrets masked.
     *
     * @return the pipeline's line and the job's own settings
     */
    public String describe() {
        return pipeline.describe() + " checkpointInterval=" + checkpointInterval.toMillis() + "ms"
                + " acceptExpiredTransactions=" + acceptExpiredTransactions;
    }

    /** Collects a job's settings. */
    public static final class Builder {
        private PipelineSpec pipeline;
        private Duration checkpointInterval = DEFAULT_CHECKPOINT_INTERVAL;
        private boolean acceptExpiredTransactions;

        private Builder(PipelineSpec pipeline) {
            this.pipeline = pipeline;
        }

        public Builder pipeline(PipelineSpec value) {
            this.pipeline = value;
            return this;
        }

        public Builder checkpointInterval(Duration value) {
            this.checkpointInterval = value;
            return this;
        }

        public Builder acceptExpiredTransactions(boolean value) {
            this.acceptExpiredTransactions = value;
            return this;
        }

        public PairingJobConfig build() {
            return new PairingJobConfig(this);
        }
    }
}
