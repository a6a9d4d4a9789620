package dev.pairing.runtime;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.placement.ClassKeys;
import dev.pairing.schemas.codec.OutputEncoding;
import dev.pairing.schemas.deadletter.DeadLetter;
import dev.pairing.schemas.deadletter.DeadLetterFit;
import java.io.Serializable;
import java.util.List;

/**
 * The shape of every output record, decided once for both engines (which is what keeps their
 * outputs byte-identical):
 * <ul>
 *   <li>a pair: keyed by its complement class, the encoded NumberPair, the timestamp of the event
 *       that completed it, no headers;</li>
 *   <li>an unpaired number: keyed by its class, the encoded UnpairedNumber, the event's own
 *       timestamp, no headers;</li>
 *   <li>a dead letter: the raw key and value as they came, the reason and provenance headers, the raw
 *       record's timestamp, cut by {@link DeadLetterFit} when it would not fit its topic.</li>
 * </ul>
 * Serializable, so a Flink sink carries it to its TaskManagers.
 */
public final class OutputRecords implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int pairSum;
    private final OutputEncoding output;
    private transient PairingRules rules;
    private transient ClassKeys keys;

    /**
     * @param pairSum the pipeline's pairSum, which decides each number's class
     * @param output  how pairs and unpaired records are encoded, ids registered
     */
    public OutputRecords(int pairSum, OutputEncoding output) {
        this.pairSum = pairSum;
        this.output = output;
    }

    /** The shapes for a started pipeline's spec. */
    public static OutputRecords of(PipelineSpec spec) {
        return new OutputRecords(spec.pairSum(), spec.output());
    }

    public OutputRecord pair(Pair pair) {
        return new OutputRecord(classKey(pair.low()), output.encode(pair, pairSum), pair.second().timestamp(), List.of());
    }

    public OutputRecord unpaired(Unpaired unpaired) {
        return new OutputRecord(classKey(unpaired.event().value()), output.encode(unpaired, pairSum),
                unpaired.event().timestamp(), List.of());
    }

    /**
     * A rejected raw record as its dead letter.
     *
     * @param rawKey   the raw key, or null
     * @param rawValue the raw value, or null
     * @param letter   the reason and where the record came from
     * @param limit    the most bytes the dead letter may take on its topic
     */
    public static OutputRecord deadLetter(byte[] rawKey, byte[] rawValue, DeadLetter letter, int limit) {
        DeadLetterFit.Fitted fitted = DeadLetterFit.fit(rawKey, rawValue, letter, limit);
        return new OutputRecord(fitted.key(), fitted.value(), letter.timestamp(), fitted.headers());
    }

    /** Made once per instance (and after deserialization): the same key array serves every record of a class. */
    private byte[] classKey(long value) {
        if (rules == null) {
            rules = new PairingRules(pairSum);
            keys = new ClassKeys(rules.classCount());
        }
        return keys.of(rules.complementClass(value));
    }
}
