package dev.pairing.flags;

/**
 * {@code --replicationFactor}, shared by the runners: unset means the cluster's
 * {@code default.replication.factor}, which Kafka's admin API and Kafka Streams both spell -1.
 */
public final class ReplicationFlag {

    public static final short CLUSTER_DEFAULT = -1;

    private ReplicationFlag() {}

    public static short parse(ParsedFlags flags) throws UsageException {
        return flags.isSet("replicationFactor") ? (short) flags.intValue("replicationFactor", 1, Short.MAX_VALUE)
                : CLUSTER_DEFAULT;
    }
}
