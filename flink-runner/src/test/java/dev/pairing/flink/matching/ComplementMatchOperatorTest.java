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
import dev.pairing.core.validation.RejectReason;
import dev.pairing.flink.classify.ClassKeySelector;
import dev.pairing.flink.classify.DeadLetterRecord;
import dev.pairing.flink.sink.Outgoing;
import dev.pairing.schemas.deadletter.DeadLetter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.apache.flink.types.Either;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The matching operator driven through Flink's keyed operator harness: state, outputs, timers,
 * snapshots, restores and rescales, and state of the layout before this one.
 */
class ComplementMatchOperatorTest {

    private static final int PAIR_SUM = 12;
    private static final int KEY_GROUPS = 128;
    private static final PendingLimits NO_TTL = new PendingLimits(1_000, 0);

    private KeyedOneInputStreamOperatorTestHarness<Integer, Either<SourceEvent, DeadLetterRecord>, Outgoing> harness;
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

        assertThat(pairs()).containsExactly(new Pair(firstThree, nine));
        harness.snapshot(1, 1);
        assertThat(harness.numKeyedStateEntries()).as("the second 3 still waits").isPositive();

        SourceEvent secondNine = send(9, 4_000);
        assertThat(pairs()).containsExactly(new Pair(firstThree, nine),
                new Pair(secondThree, secondNine));
        harness.snapshot(2, 2);
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

        assertThat(pairs()).containsExactly(new Pair(six, otherSix));
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

        assertThat(pairs()).containsExactly(new Pair(paired, eleven));
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

        assertThat(pairs()).as("the 3 had expired before the 9 came").isEmpty();
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

        harness = harness(PAIR_SUM, limits, 1, 0);
        harness.initializeState(snapshot);
        harness.open();
        assertThat(harness.numEventTimeTimers()).as("the restored 3's expiry timer").isEqualTo(1);

        SourceEvent nine = send(9, 2_000);
        assertThat(pairs()).containsExactly(new Pair(three, nine));
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aChangedPairSumOnRestoredStateFailsTheJobForGoodAndSaysWhatToDo() throws Exception {
        harness = open(NO_TTL);
        send(5, 1_000);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        // with pairSum 10 the waiting 5 would be the middle class's and pair with the next 5
        harness = harness(10, NO_TTL, 1, 0);
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

        assertThat(perClass(pairs(), p -> p.first().value()))
                .isEqualTo(perClass(oracle.pairs(), p -> p.first().value()));
        assertThat(perClass(unpaired(), u -> u.event().value()))
                .isEqualTo(perClass(oracle.unpaired(), u -> u.event().value()));
        assertThat(2L * pairs().size() + unpaired().size()).isEqualTo(events);
        harness.snapshot(1, 1);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aDeadLetterPassesInPlaceAmongTheDecisionsAndTouchesNoState() throws Exception {
        harness = open(NO_TTL);
        SourceEvent three = send(3, 1);
        DeadLetterRecord letter = new DeadLetterRecord(null, new byte[] {1}, new DeadLetter(RejectReason.NOT_A_NUMBER,
                "x", "raw", 0, 7, 2));
        harness.processElement(Either.Right(letter), 2);
        SourceEvent nine = send(9, 3);

        assertThat(harness.extractOutputValues()).as("the harness copies records: compared field by field")
                .usingRecursiveFieldByFieldElementComparator()
                .containsExactly(Outgoing.of(letter), Outgoing.of(new Pair(three, nine)));
        harness.snapshot(1, 1);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void waitingNumbersStayInMemoryUntilASnapshotWritesThemToKeyedState() throws Exception {
        harness = open(NO_TTL);
        send(3, 1);
        send(5, 2);
        send(1, 3);
        assertThat(harness.numKeyedStateEntries()).as("nothing written between checkpoints").isZero();

        harness.snapshot(1, 1);

        assertThat(harness.numKeyedStateEntries()).as("three spans and three events").isEqualTo(6);
    }

    @Test
    void aClassPastItsMemoryBoundWritesToKeyedStateWithoutWaitingForASnapshot() throws Exception {
        harness = open(new PendingLimits(10_000, 0));
        for (int i = 1; i < KeyedStatePendingStore.MAX_UNWRITTEN_PER_CLASS; i++) {
            send(1, i);
        }
        assertThat(harness.numKeyedStateEntries()).as("still all in memory").isZero();

        send(1, KeyedStatePendingStore.MAX_UNWRITTEN_PER_CLASS);

        assertThat(harness.numKeyedStateEntries()).as("class 1's span and its map of waiting events").isEqualTo(2);
    }

    @Test
    void theFunctionOutsideItsOperatorRefusesASnapshotThatWouldMissNumbersInMemory() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ComplementMatchFunction(PAIR_SUM, NO_TTL)),
                new ClassKeySelector(PAIR_SUM), Types.INT);
        harness.open();
        send(3, 1);

        assertThatThrownBy(() -> harness.snapshot(1, 1)).rootCause()
                .hasMessageContaining("would be missing from checkpoint 1").hasMessageContaining("ComplementMatchOperator");
    }

    @Test
    void builtForOneSubtaskItRefusesToOpenAsOneOfTwo() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new ComplementMatchOperator(PAIR_SUM, NO_TTL, true),
                new ClassKeySelector(PAIR_SUM), Types.INT, KEY_GROUPS, 2, 0);

        assertThatThrownBy(() -> harness.open())
                .satisfies(e -> assertThat(ExceptionUtils.findThrowable(e, SuppressRestartsException.class)).isPresent())
                .rootCause().hasMessageContaining("built for parallelism 1").hasMessageContaining("-p 2");
    }

    @Test
    void rescalingOneToTwoToOneThroughSnapshotsDecidesAsTheOracleDoes() throws Exception {
        PendingLimits limits = new PendingLimits(40, 5_000);
        PairingOracle oracle = new PairingOracle(new PairingRules(PAIR_SUM), limits);
        ClassKeySelector selector = new ClassKeySelector(PAIR_SUM);
        SplittableRandom random = new SplittableRandom(23);
        List<Pair> pairs = new ArrayList<>();
        List<Unpaired> unpaired = new ArrayList<>();
        long time = 0;
        OperatorSubtaskState state = null;
        int events = 0;
        for (int parallelism : new int[] {1, 2, 1, 2, 1}) {
            List<KeyedOneInputStreamOperatorTestHarness<Integer, Either<SourceEvent, DeadLetterRecord>, Outgoing>> subtasks = new ArrayList<>();
            for (int i = 0; i < parallelism; i++) {
                KeyedOneInputStreamOperatorTestHarness<Integer, Either<SourceEvent, DeadLetterRecord>, Outgoing> subtask = harness(PAIR_SUM, limits,
                        parallelism, i);
                if (state != null) {
                    subtask.initializeState(AbstractStreamOperatorTestHarness.repartitionOperatorState(state, KEY_GROUPS,
                            parallelism == 1 ? 2 : 1, parallelism, i));
                }
                subtask.open();
                subtasks.add(subtask);
            }
            // enough per class to pass the memory bound, so write-outs between snapshots happen too
            for (int n = 0; n < 3_000; n++) {
                time += random.nextInt(5);
                long value = random.nextInt(4) == 0 ? 1 : random.nextInt(PAIR_SUM + 1);
                SourceEvent event = new SourceEvent(value, 0, events, time, (long) events);
                events++;
                oracle.accept(Decoded.number(value, event.sequence()), 0, event.offset(), time);
                int target = KeyGroupRangeAssignment.assignKeyToParallelOperator(selector.getKey(Either.Left(event)), KEY_GROUPS,
                        parallelism);
                subtasks.get(target).processElement(Either.Left(event), time);
                if (n % 100 == 0) {
                    for (var subtask : subtasks) {
                        subtask.processWatermark(time);
                    }
                }
            }
            List<OperatorSubtaskState> snapshots = new ArrayList<>();
            for (var subtask : subtasks) {
                snapshots.add(subtask.snapshot(events, events));
                pairs.addAll(pairs(subtask));
                unpaired.addAll(unpaired(subtask));
                subtask.close();
            }
            state = AbstractStreamOperatorTestHarness.repackageState(snapshots.toArray(OperatorSubtaskState[]::new));
        }

        assertThat(oracle.pendingCount()).as("numbers left waiting across the last snapshot").isPositive();
        // the end of time, after one more restore: everything still waiting expires on both sides
        harness = harness(PAIR_SUM, limits, 1, 0);
        harness.initializeState(state);
        harness.open();
        harness.processWatermark(Long.MAX_VALUE - 1);
        pairs.addAll(pairs());
        unpaired.addAll(unpaired());
        oracle.expireAll(Long.MAX_VALUE - limits.ttlMillis());

        assertThat(perClass(pairs, p -> p.first().value())).isEqualTo(perClass(oracle.pairs(), p -> p.first().value()));
        assertThat(perClass(unpaired, u -> u.event().value()))
                .isEqualTo(perClass(oracle.unpaired(), u -> u.event().value()));
    }

    /**
     * {@code savepoints/match-layout-1-pairsum-12.snapshot}: the operator's state as the version before
     * class keys wrote it (commit 7025ce7, pairSum 12, TTL 1 h, one subtask), after 3, 3, 5, 6, 9, 1, 1, 0
     * at times 1 s to 8 s: a 3, a 5, a 6, two 1s and a 0 wait, each class with its expiry timer.
     */
    private static final String CLASS_NUMBER_KEYS_SNAPSHOT = "src/test/resources/savepoints/match-layout-1-pairsum-12.snapshot";
    private static final PendingLimits FIXTURE_LIMITS = new PendingLimits(1_000, 3_600_000);

    @Test
    void stateUnderTheClassNumbersMovesToTheClassKeysAtParallelismOneAndPairsAndExpiresAsBefore() throws Exception {
        harness = harness(PAIR_SUM, FIXTURE_LIMITS, 1, 0);
        harness.initializeState(OperatorSnapshotUtil.readStateHandle(CLASS_NUMBER_KEYS_SNAPSHOT));
        harness.open();
        offset = 100;
        assertThat(harness.numEventTimeTimers()).as("the five classes' expiry timers, moved").isEqualTo(5);

        SourceEvent nine = send(9, 10_000);
        SourceEvent seven = send(7, 11_000);
        SourceEvent eleven = send(11, 12_000);
        harness.processWatermark(Long.MAX_VALUE - 1);

        assertThat(pairs()).containsExactly(
                new Pair(new SourceEvent(3, 0, 1, 2_000, 1L), nine),
                new Pair(new SourceEvent(5, 0, 2, 3_000, 2L), seven),
                new Pair(new SourceEvent(1, 0, 5, 6_000, 5L), eleven));
        assertThat(unpaired()).extracting(u -> u.event().offset()).as("the 6, the second 1 and the 0 expire")
                .containsExactlyInAnyOrder(3L, 6L, 7L);
        assertThat(harness.numEventTimeTimers()).isZero();
        harness.snapshot(1, 1);
        assertThat(harness.numKeyedStateEntries()).as("nothing left under the class numbers either").isZero();
    }

    @Test
    void stateUnderTheClassNumbersAtParallelismTwoIsRefusedWithWhatToDo() throws Exception {
        OperatorSubtaskState layoutOne = OperatorSnapshotUtil.readStateHandle(CLASS_NUMBER_KEYS_SNAPSHOT);
        for (int subtask = 0; subtask < 2; subtask++) {
            harness = harness(PAIR_SUM, FIXTURE_LIMITS, 2, subtask);
            harness.initializeState(AbstractStreamOperatorTestHarness.repartitionOperatorState(layoutOne, KEY_GROUPS, 1, 2,
                    subtask));

            assertThatThrownBy(() -> harness.open()).as("subtask %d holds some of the waiting classes", subtask)
                    .satisfies(e -> assertThat(ExceptionUtils.findThrowable(e, SuppressRestartsException.class)).isPresent())
                    .rootCause().hasMessageContaining("under the class numbers as keys (state layout 1)")
                    .hasMessageContaining("Restore it once at parallelism 1 (flink run -p 1");
            harness.close();
            harness = null;
        }
    }

    @Test
    void stateUnderTheClassNumbersWithAnotherPairSumIsRefusedForItsPairSum() throws Exception {
        harness = harness(10, FIXTURE_LIMITS, 1, 0);

        assertThatThrownBy(() -> harness.initializeState(OperatorSnapshotUtil.readStateHandle(CLASS_NUMBER_KEYS_SNAPSHOT)))
                .rootCause().hasMessageContaining("written with pairSum 12");
    }

    private static KeyedOneInputStreamOperatorTestHarness<Integer, Either<SourceEvent, DeadLetterRecord>, Outgoing> open(PendingLimits limits)
            throws Exception {
        KeyedOneInputStreamOperatorTestHarness<Integer, Either<SourceEvent, DeadLetterRecord>, Outgoing> opened = harness(PAIR_SUM, limits, 1, 0);
        opened.open();
        return opened;
    }

    /** The operator as subtask {@code subtask} of {@code parallelism}, under the job's 128 key groups; not opened. */
    private static KeyedOneInputStreamOperatorTestHarness<Integer, Either<SourceEvent, DeadLetterRecord>, Outgoing> harness(int pairSum,
            PendingLimits limits, int parallelism, int subtask) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new ComplementMatchOperator(pairSum, limits, false),
                new ClassKeySelector(pairSum), Types.INT, KEY_GROUPS, parallelism, subtask);
    }

    private SourceEvent send(long value, long timestamp) throws Exception {
        SourceEvent event = new SourceEvent(value, 0, offset, timestamp, offset);
        offset++;
        harness.processElement(Either.Left(event), timestamp);
        return event;
    }

    private List<Pair> pairs() {
        return pairs(harness);
    }

    private List<Unpaired> unpaired() {
        return unpaired(harness);
    }

    private static List<Pair> pairs(KeyedOneInputStreamOperatorTestHarness<Integer, Either<SourceEvent, DeadLetterRecord>, Outgoing> subtask) {
        return subtask.extractOutputValues().stream().map(Outgoing::pair).filter(Objects::nonNull).toList();
    }

    private static List<Unpaired> unpaired(KeyedOneInputStreamOperatorTestHarness<Integer, Either<SourceEvent, DeadLetterRecord>, Outgoing> subtask) {
        return subtask.extractOutputValues().stream().map(Outgoing::unpaired).filter(Objects::nonNull).toList();
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
