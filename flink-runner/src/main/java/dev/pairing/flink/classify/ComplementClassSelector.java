package dev.pairing.flink.classify;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.SourceEvent;
import org.apache.flink.api.java.functions.KeySelector;

/** Keys a valid event by its complement class: the only events it can ever pair with share it. */
public final class ComplementClassSelector implements KeySelector<SourceEvent, Integer> {

    private final int pairSum;
    private transient PairingRules rules;

    public ComplementClassSelector(int pairSum) {
        this.pairSum = pairSum;
    }

    @Override
    public Integer getKey(SourceEvent event) {
        if (rules == null) {
            rules = new PairingRules(pairSum);
        }
        return rules.complementClass(event.value());
    }
}
