package dev.pairing.flink.sink;

import org.apache.flink.connector.kafka.sink.KafkaCommittable;

/** A transaction of a completed checkpoint that the broker no longer lets the job commit: its records are lost. */
public final class LostTransactionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    LostTransactionException(KafkaCommittable transaction, String topic, String coordinatorSaid, Throwable cause) {
        super("output LOST: the Kafka transaction " + transaction.getTransactionalId() + " (producer id "
                + transaction.getProducerId() + ", epoch " + transaction.getEpoch() + ") to " + topic
                + " belongs to a completed checkpoint but can no longer be committed (" + cause + "; "
                + coordinatorSaid + "); most likely the job was down for longer than the sinks' transaction.timeout.ms and the broker"
                + " aborted it. Its records are missing from " + topic + " while the checkpoint's input offsets are"
                + " past them. The job stops instead of carrying on: run verify to list what is missing, then"
                + " resubmit without this checkpoint (from the group's committed offsets) once you have dealt with"
                + " the gap, and raise transaction.timeout.ms (and the broker's transaction.max.timeout.ms) above the"
                + " longest checkpoint plus the longest outage you expect", cause);
    }
}
