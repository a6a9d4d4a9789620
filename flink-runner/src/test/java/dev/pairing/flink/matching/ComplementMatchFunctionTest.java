package dev.pairing.flink.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.core.PairingOracle;
import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.core.matching.UnpairedReason;
import dev.pairing.core.validation.Decoded;
import dev.pairing.flink.classify.ComplementClassSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The keyed matching function driven through Flink's keyed operator harness: state, outputs, timers. */
class ComplementMatchFunctionTest {

    private static final int PAIR_SUM = 12;
    private static final PendingLimits NO_TTL = new PendingLimits(1_000, 0);

    private KeyedOneInputStreamOperatorTestHarness<Integer, SourceEvent, Pair> harness;
    private long offset;

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void anArrivingNumberPairsWithTheOldestWaitingComplementAndDrainedClassesLeaveNoState() throws Exception {
        harness = open(NO_TTL);
        SourceEvent firstThree = send(3, 1_000);
        SourceEvent secondThree = send(3, 2_000);
        SourceEvent nine = send(9, 3_000);

        assertThat(harness.extractOutputValues()).containsExactly(new Pair(firstThree, nine));
        assertThat(harness.numKeyedStateEntries()).as("the second 3 still waits").isPositive();

        SourceEvent secondNine = send(9, 4_000);
        assertThat(harness.extractOutputValues()).containsExactly(new Pair(firstThree, nine),
                new Pair(secondThree, secondNine));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(unpaired()).isEmpty();
    }

    @Test
    void theMiddleNumberPairsWithItselfAndOtherClassesDoNotMix() throws Exception {
        harness = open(NO_TTL);
        SourceEvent six = send(6, 1);
        send(5, 2);
        send(8, 3);
        SourceEvent otherSix = send(6, 4);

        assertThat(harness.extractOutputValues()).containsExactly(new Pair(six, otherSix));
    }

    @Test
    void aFullClassEvictsItsOldestToTheUnpairedOutput() throws Exception {
        harness = open(new PendingLimits(2, 0));
        SourceEvent paired = send(1, 1);
        SourceEvent oldestLeft = send(1, 2);
        SourceEvent eleven = send(11, 3);
        send(1, 4);
        assertThat(unpaired()).isEmpty();

        send(1, 5);

        assertThat(harness.extractOutputValues()).containsExactly(new Pair(paired, eleven));
        assertThat(unpaired()).containsExactly(new Unpaired(oldestLeft, UnpairedReason.EVICTED));
    }

    @Test
    void withoutATtlNoTimerIsEverRegistered() throws Exception {
        harness = open(NO_TTL);
        send(3, 1_000);
        send(4, 2_000);
        harness.processWatermark(Long.MAX_VALUE - 1);

        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(unpaired()).isEmpty();
    }

    @Test
    void aWaitingNumberExpiresWhenTheWatermarkPassesItsTtl() throws Exception {
        harness = open(new PendingLimits(1_000, 1_000));
        SourceEvent three = send(3, 1_000);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processWatermark(1_999);
        assertThat(unpaired()).isEmpty();

        harness.processWatermark(2_000);
        assertThat(unpaired()).containsExactly(new Unpaired(three, UnpairedReason.EXPIRED));
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void oneWatermarkExpiresEveryHeadItHasPassedAndTheTimerMovesToTheNextHead() throws Exception {
        harness = open(new PendingLimits(1_000, 1_000));
        SourceEvent first = send(3, 1_000);
        SourceEvent second = send(3, 1_500);
        send(3, 3_000);

        harness.processWatermark(2_600);

        assertThat(unpaired()).containsExactly(new Unpaired(first, UnpairedReason.EXPIRED),
                new Unpaired(second, UnpairedReason.EXPIRED));
        assertThat(harness.numEventTimeTimers()).as("one timer, at the last 3's expiry").isEqualTo(1);
        harness.processWatermark(3_999);
        assertThat(unpaired()).hasSize(2);
        harness.processWatermark(4_000);
        assertThat(unpaired()).hasSize(3);
    }

    @Test
    void anArrivingEventExpiresItsClassFirstAndItsTimerReplacesTheOldOne() throws Exception {
        harness = open(new PendingLimits(1_000, 1_000));
        SourceEvent three = send(3, 1_000);
        SourceEvent nine = send(9, 2_500);

        assertThat(harness.extractOutputValues()).as("the 3 had expired before the 9 came").isEmpty();
        assertThat(unpaired()).containsExactly(new Unpaired(three, UnpairedReason.EXPIRED));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processWatermark(3_500);
        assertThat(unpaired()).containsExactly(new Unpaired(three, UnpairedReason.EXPIRED),
                new Unpaired(nine, UnpairedReason.EXPIRED));
    }

    @Test
    void pendingNumbersAndTheirTimersSurviveACheckpointRestore() throws Exception {
        PendingLimits limits = new PendingLimits(1_000, 10_000);
        harness = open(limits);
        SourceEvent three = send(3, 1_000);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ComplementMatchFunction(PAIR_SUM, limits)),
                new ComplementClassSelector(PAIR_SUM), Types.INT);
        harness.initializeState(snapshot);
        harness.open();
        assertThat(harness.numEventTimeTimers()).as("the restored 3's expiry timer").isEqualTo(1);

        SourceEvent nine = send(9, 2_000);
        assertThat(harness.extractOutputValues()).containsExactly(new Pair(three, nine));
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aChangedPairSumOnRestoredStateFailsTheJobForGoodAndSaysWhatToDo() throws Exception {
        harness = open(NO_TTL);
        send(5, 1_000);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        // with pairSum 10 the waiting 5 would be the middle class's and pair with the next 5
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ComplementMatchFunction(10, NO_TTL)),
                new ComplementClassSelector(10), Types.INT);
        assertThatThrownBy(() -> harness.initializeState(snapshot))
                .as("no restart can help, so none is tried")
                .satisfies(e -> assertThat(ExceptionUtils.findThrowable(e, SuppressRestartsException.class)).isPresent())
                .rootCause().hasMessageContaining("written with pairSum 12")
                .hasMessageContaining("--pairSum 10").hasMessageContaining("--pairSum 12");
    }

    @Test
    void outputsEqualTheOraclesForALongRandomStream() throws Exception {
        PendingLimits limits = new PendingLimits(4, 700);
        harness = open(limits);
        PairingOracle oracle = new PairingOracle(new PairingRules(PAIR_SUM), limits);
        SplittableRandom random = new SplittableRandom(42);
        long time = 0;
        int events = 5_000;
        for (int i = 0; i < events; i++) {
            time += random.nextInt(60);
            long value = random.nextInt(PAIR_SUM + 1);
            SourceEvent event = send(value, time);
            oracle.accept(Decoded.number(value, event.sequence()), event.partition(), event.offset(), time);
            if (i % 50 == 0) {
                // timers only expire what arrival-driven expiry would have too: the watermark trails
                harness.processWatermark(time);
            }
        }
        harness.processWatermark(Long.MAX_VALUE - 1);
        oracle.expireAll(Long.MAX_VALUE - limits.ttlMillis());

        assertThat(perClass(harness.extractOutputValues(), p -> p.first().value()))
                .isEqualTo(perClass(oracle.pairs(), p -> p.first().value()));
        assertThat(perClass(unpaired(), u -> u.event().value()))
                .isEqualTo(perClass(oracle.unpaired(), u -> u.event().value()));
        assertThat(2L * harness.extractOutputValues().size() + unpaired().size()).isEqualTo(events);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    private KeyedOneInputStreamOperatorTestHarness<Integer, SourceEvent, Pair> open(PendingLimits limits)
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(new ComplementMatchFunction(PAIR_SUM, limits),
                new ComplementClassSelector(PAIR_SUM), Types.INT);
    }

    private SourceEvent send(long value, long timestamp) throws Exception {
        SourceEvent event = new SourceEvent(value, 0, offset, timestamp, offset);
        offset++;
        harness.processElement(event, timestamp);
        return event;
    }

    private List<Unpaired> unpaired() {
        List<Unpaired> out = new ArrayList<>();
        var records = harness.getSideOutput(ComplementMatchFunction.UNPAIRED);
        if (records == null) {
            return out; // the harness creates a side output's queue on its first record
        }
        for (StreamRecord<Unpaired> record : records) {
            out.add(record.getValue());
        }
        return out;
    }

    /** Outputs grouped by complement class, in order within each: the order the job guarantees. */
    private static <T> Map<Integer, List<T>> perClass(List<T> outputs, java.util.function.ToLongFunction<T> value) {
        PairingRules rules = new PairingRules(PAIR_SUM);
        Map<Integer, List<T>> byClass = new TreeMap<>();
        for (T output : outputs) {
            byClass.computeIfAbsent(rules.complementClass(value.applyAsLong(output)), c -> new ArrayList<>()).add(output);
        }
        return byClass;
    }
}
