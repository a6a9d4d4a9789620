package dev.pairing.flink;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.CheckpointingMode;

/** The delivery guarantee the user asked for, in the words of the Streams runner's flag. */
public enum Guarantee {
    EXACTLY_ONCE(DeliveryGuarantee.EXACTLY_ONCE, CheckpointingMode.EXACTLY_ONCE),
    AT_LEAST_ONCE(DeliveryGuarantee.AT_LEAST_ONCE, CheckpointingMode.AT_LEAST_ONCE);

    private final DeliveryGuarantee sinks;
    private final CheckpointingMode checkpoints;

    Guarantee(DeliveryGuarantee sinks, CheckpointingMode checkpoints) {
        this.sinks = sinks;
        this.checkpoints = checkpoints;
    }

    public DeliveryGuarantee sinks() {
        return sinks;
    }

    public CheckpointingMode checkpoints() {
        return checkpoints;
    }

    /** The flag's spelling: {@code exactly_once} or {@code at_least_once}. */
    public String flagValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
