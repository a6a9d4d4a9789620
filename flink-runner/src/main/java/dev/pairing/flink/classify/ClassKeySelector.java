package dev.pairing.flink.classify;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.SourceEvent;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.types.Either;

/**
 * Keys a valid event by the key of its complement class ({@link KeyGroupClassKeys}): the only events it can
 * ever pair with share it, and the keys spread the classes evenly over the subtasks. A dead letter
 * only passes the matcher on its way to the sink and touches no state: it takes a class's key by its
 * raw partition, so a partition's dead letters stay in one subtask, in their order.
 */
public final class ClassKeySelector implements KeySelector<Either<SourceEvent, DeadLetterRecord>, Integer> {

    private final int pairSum;
    private final KeyGroupClassKeys keys;
    private transient PairingRules rules;

    public ClassKeySelector(int pairSum) {
        this.pairSum = pairSum;
        this.keys = new KeyGroupClassKeys(pairSum);
    }

    @Override
    public Integer getKey(Either<SourceEvent, DeadLetterRecord> classified) {
        if (classified.isRight()) {
            return keys.boxedKeyOf(Math.floorMod(classified.right().deadLetter().partition(), keys.classCount()));
        }
        if (rules == null) {
            rules = new PairingRules(pairSum);
        }
        return keys.boxedKeyOf(rules.complementClass(classified.left().value()));
    }
}
