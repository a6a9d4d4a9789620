package dev.pairing.streams;

import dev.pairing.flags.Flag;
import dev.pairing.flags.FlagSet;
import dev.pairing.flags.ParsedFlags;
import dev.pairing.flags.UsageException;
import dev.pairing.runtime.OperationsFlags;
import dev.pairing.runtime.PipelineFlags;
import dev.pairing.streams.membership.Membership;
import java.time.Duration;

/**
 * The Streams runner's command line: the shared runner flags ({@link PipelineFlags}) and the ones
 * only Kafka Streams has.
 */
public final class StreamsRunnerFlags {

    /** The runner's group id when none is given: not the Flink job's, so the two never share a group. */
    public static final String DEFAULT_APPLICATION_ID = "pairing-streams";

    public static final Flag<String> STATE_DIR = Flag.name("stateDir", StreamsRunnerConfig.DEFAULT_STATE_DIR,
            "local directory of the RocksDB state (rebuilt from the changelog when lost)");
    public static final Flag<String> INSTANCE_ID = Flag.name("instanceId", Membership.AUTO,
            "this instance's stable id in the group (static membership: a restart in place resumes at once);"
                    + " auto = made once and kept in --stateDir, none = dynamic");
    public static final Flag<Integer> STANDBY_REPLICAS = Flag.integer("standbyReplicas", 0, 0, 100,
            "warm copies of each task's state on other instances, for faster failover");
    public static final Flag<Duration> COMMIT_INTERVAL = Flag.duration("commitInterval",
            StreamsRunnerConfig.DEFAULT_COMMIT_INTERVAL.toMillis() + "ms",
            "how often output and state are committed (read_committed latency)");
    public static final Flag<Boolean> INPUT_KEYED_BY_CLASS = Flag.bool("inputKeyedByClass", false,
            "true when the raw topic is keyed by complement class: skips the repartition by class");

    private StreamsRunnerFlags() {}

    public static FlagSet flagSet() {
        return PipelineFlags.declareOn(new FlagSet("streams-runner",
                        "Pairs numbers from the raw topic with their complements on Kafka Streams, exactly once."),
                DEFAULT_APPLICATION_ID)
                .add(STATE_DIR, INSTANCE_ID, STANDBY_REPLICAS, COMMIT_INTERVAL, INPUT_KEYED_BY_CLASS,
                        OperationsFlags.METRICS_PORT);
    }

    /** Parses a command line into the runner's configuration; a bad one is a UsageException. */
    public static StreamsRunnerConfig parse(String... args) throws UsageException {
        return toConfig(flagSet().parse(args));
    }

    public static StreamsRunnerConfig toConfig(ParsedFlags flags) throws UsageException {
        Duration commitInterval = COMMIT_INTERVAL.from(flags);
        if (commitInterval.isZero()) {
            throw new UsageException("--commitInterval must be positive");
        }
        try {
            return StreamsRunnerConfig.builder(PipelineFlags.spec(flags))
                    .commitInterval(commitInterval)
                    .stateDir(STATE_DIR.from(flags))
                    .membership(new Membership(INSTANCE_ID.from(flags), STANDBY_REPLICAS.from(flags)))
                    .inputKeyedByClass(INPUT_KEYED_BY_CLASS.from(flags))
                    .metricsPort(OperationsFlags.METRICS_PORT.from(flags))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
