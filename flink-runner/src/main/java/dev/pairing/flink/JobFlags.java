package dev.pairing.flink;

import dev.pairing.flags.Flag;
import dev.pairing.flags.FlagSet;
import dev.pairing.flags.ParsedFlags;
import dev.pairing.flags.UsageException;
import dev.pairing.runtime.Guarantee;
import dev.pairing.runtime.PipelineFlags;
import java.time.Duration;

/**
 * The job's command line: the shared runner flags ({@link PipelineFlags}, among them the original
 * project's {@code --pairSum --bootstrapServers --rawTopic --groupId --enrichedTopic --DLQ}) and
 * the one only Flink has. Everything is checked here, in the client, before a job graph exists.
 */
public final class JobFlags {

    static final String COMMAND = "flink run flink-runner.jar";
    /** What the job does, in one line of its usage. */
    public static final String SUMMARY =
            "Pairs numbers from the raw topic that sum to pairSum, on Flink; corrupted records go to the DLQ.";
    static final Duration MIN_CHECKPOINT_INTERVAL = Duration.ofMillis(100);
    /** The job's group id when none is given: not the Streams runner's, so the two never share a group. */
    public static final String DEFAULT_GROUP_ID = "pairing-flink";

    public static final Flag<Duration> CHECKPOINT_INTERVAL = Flag.duration("checkpointInterval",
            PairingJobConfig.DEFAULT_CHECKPOINT_INTERVAL.toSeconds() + "s",
            "how often state is checkpointed; exactly-once output becomes visible at each checkpoint");
    public static final Flag<Boolean> ACCEPT_EXPIRED_TRANSACTIONS = Flag.bool("acceptExpiredTransactions", false,
            "true resumes from a checkpoint or savepoint whose sink transactions the broker forgot (older than"
                    + " transactional.id.expiration.ms), counting them as ended; false stops the job saying so");

    private JobFlags() {}

    /**
     * The job's complete flag set: what {@code flink run} accepts, and what {@code ./pairing flink}
     * passes on.
     *
     * @return a new flag set
     */
    public static FlagSet declare() {
        return declareOn(new FlagSet(COMMAND, SUMMARY));
    }

    /**
     * The job's flags on another command's flag set: what a command that runs the job its own way
     * (in one JVM, say) adds its own flags to.
     *
     * @param flags the command's flag set
     * @return the same flag set
     */
    public static FlagSet declareOn(FlagSet flags) {
        return PipelineFlags.declareOn(flags, DEFAULT_GROUP_ID).add(CHECKPOINT_INTERVAL, ACCEPT_EXPIRED_TRANSACTIONS);
    }

    /** Parses without exiting: what tests and embedding code call. */
    public static PairingJobConfig parse(String... args) throws UsageException {
        ParsedFlags parsed = declare().parse(args);
        if (parsed.helpRequested()) {
            throw new UsageException("--help is only for the command line");
        }
        return toConfig(parsed);
    }

    public static PairingJobConfig toConfig(ParsedFlags flags) throws UsageException {
        PairingJobConfig config = PairingJobConfig.builder(PipelineFlags.spec(flags))
                .checkpointInterval(CHECKPOINT_INTERVAL.from(flags))
                .acceptExpiredTransactions(ACCEPT_EXPIRED_TRANSACTIONS.from(flags))
                .build();
        checkTiming(config);
        return config;
    }

    /**
     * Checks the checkpoint interval against its minimum and the sinks' transaction timeout.
     *
     * @throws UsageException when they do not fit
     */
    static void checkTiming(PairingJobConfig config) throws UsageException {
        if (config.checkpointInterval().compareTo(MIN_CHECKPOINT_INTERVAL) < 0) {
            throw new UsageException("--checkpointInterval must be at least " + MIN_CHECKPOINT_INTERVAL.toMillis()
                    + "ms, got " + config.checkpointInterval().toMillis() + "ms");
        }
        Duration timeout;
        try {
            timeout = config.transactionTimeout();
        } catch (NumberFormatException e) {
            throw new UsageException("transaction.timeout.ms must be a number of milliseconds: " + e.getMessage());
        }
        // a transaction spans one checkpoint interval; it must not time out before the checkpoint commits it
        if (config.pipeline().guarantee() == Guarantee.EXACTLY_ONCE
                && config.checkpointInterval().multipliedBy(2).compareTo(timeout) > 0) {
            throw new UsageException("--checkpointInterval (" + config.checkpointInterval().toMillis()
                    + "ms) must be at most half the sinks' transaction.timeout.ms (" + timeout.toMillis() + "ms)");
        }
    }
}
