package dev.pairing.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.core.matching.PendingStateStamp;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.core.matching.UnpairedReason;
import dev.pairing.runtime.PipelineSpec;
import dev.pairing.schemas.avro.NumberPair;
import dev.pairing.schemas.codec.ComplementClassKey;
import dev.pairing.schemas.codec.OutputCodec;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.streams.classify.ClassPlacement;
import dev.pairing.streams.matching.KeyValuePendingStore;
import dev.pairing.streams.matching.SourceEventSerde;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PairingTopologyTest {

    @TempDir
    Path stateDir;

    private PairingDriver pipeline;

    @AfterEach
    void close() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private PairingDriver start(int pairSum, PendingLimits limits, boolean inputKeyedByClass) {
        pipeline = new PairingDriver(PairingDriver.config(pairSum, limits, inputKeyedByClass), stateDir);
        return pipeline;
    }

    @ParameterizedTest(name = "inputKeyedByClass={0}")
    @ValueSource(booleans = {false, true})
    void aNumberAndItsComplementMakeOnePairKeyedByTheirClass(boolean inputKeyedByClass) {
        PairingDriver p = start(12, PendingLimits.DEFAULT, inputKeyedByClass);
        long first = p.sendNumber(5, 1_000);
        long second = p.sendNumber(7, 2_000);

        List<TestRecord<byte[], byte[]>> pairs = p.enriched.readRecordsToList();
        assertThat(pairs).hasSize(1);
        TestRecord<byte[], byte[]> pair = pairs.get(0);
        assertThat(pair.key()).isEqualTo(ComplementClassKey.encode(5));
        assertThat(pair.timestamp()).as("the completing event's time").isEqualTo(2_000);
        assertThat(pair.headers().toArray()).isEmpty();
        // provenance is the raw topic's, even when the records went through the repartition topic
        assertThat(pair.value()).isEqualTo(p.encode(new Pair(
                new SourceEvent(5, 0, first, 1_000, first), new SourceEvent(7, 0, second, 2_000, second))));
        NumberPair decoded = OutputCodec.decodePair(pair.value());
        assertThat(decoded.getLow()).isEqualTo(5);
        assertThat(decoded.getHigh()).isEqualTo(7);
        assertThat(p.deadLetters.isEmpty()).isTrue();
        assertThat(p.unpaired.isEmpty()).isTrue();
    }

    @Test
    void keyedInputRoutesNumbersOutsideTheirClasssPartitionToTheClasssTask() {
        // the driver reads everything from partition 0 of a topology built for three partitions:
        // classes whose home is 1 or 2 must take the repartition topic, the others stay
        ClassPlacement placement = new ClassPlacement(new dev.pairing.core.PairingRules(12), 3);
        assertThat(java.util.stream.IntStream.rangeClosed(0, 6).map(placement::partitionOf).distinct().toArray())
                .as("classes at home in partition 0 and elsewhere").contains(0).hasSizeGreaterThan(1);
        pipeline = new PairingDriver(PairingDriver.config(12, PendingLimits.DEFAULT, true), stateDir, 3);
        for (int n = 0; n <= 12; n++) {
            pipeline.send(null, RawValueCodec.encodeText(n), 1_000 + n);
        }
        for (int n = 12; n >= 0; n--) {
            pipeline.send(null, RawValueCodec.encodeText(n), 2_000 + n);
        }

        assertThat(pipeline.enriched.readValuesToList()).as("every number pairs, in the oracle's order")
                .hasSize(13).containsExactlyElementsOf(pipeline.expectedPairValues());
        assertThat(pipeline.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void waitingNumbersPairOldestFirst() {
        PairingDriver p = start(12, PendingLimits.DEFAULT, false);
        long a = p.sendNumber(5, 10);
        long b = p.sendNumber(5, 20);
        p.sendNumber(3, 25); // another class in between changes nothing for class 5
        long c = p.sendNumber(5, 30);
        long d = p.sendNumber(7, 40);
        long e = p.sendNumber(7, 50);

        List<NumberPair> pairs = p.enriched.readValuesToList().stream().map(OutputCodec::decodePair).toList();
        assertThat(pairs).extracting(pair -> pair.getFirst().getOffset(), pair -> pair.getSecond().getOffset())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(a, d), org.assertj.core.groups.Tuple.tuple(b, e));
        assertThat(p.oracle.pendingCount()).as("5@" + c + " and 3 still wait in the oracle too").isEqualTo(2);
        assertThat(p.enriched.isEmpty()).isTrue();
    }

    @Test
    void theMiddleNumberPairsWithItselfForAnEvenPairSum() {
        PairingDriver p = start(12, PendingLimits.DEFAULT, false);
        p.sendNumber(6, 1);
        p.sendNumber(6, 2);
        p.sendNumber(6, 3);

        assertThat(p.enriched.readValuesToList()).containsExactlyElementsOf(p.expectedPairValues()).hasSize(1);
    }

    @Test
    void anOddPairSumHasNoSelfPairsAndItsOwnRange() {
        PairingDriver p = start(13, PendingLimits.DEFAULT, false);
        p.sendNumber(6, 1);
        p.sendNumber(6, 2);
        p.sendNumber(7, 3);
        p.sendNumber(13, 4);
        p.sendNumber(0, 5);
        p.sendNumber(14, 6); // out of range for 13

        List<NumberPair> pairs = p.enriched.readValuesToList().stream().map(OutputCodec::decodePair).toList();
        assertThat(pairs).extracting(NumberPair::getPairSum, NumberPair::getLow, NumberPair::getHigh)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(13, 6L, 7L),
                        org.assertj.core.groups.Tuple.tuple(13, 0L, 13L));
        assertThat(p.deadLetters.readRecordsToList()).singleElement()
                .satisfies(letter -> assertThat(letter.value()).isEqualTo(RawValueCodec.encodeAvro(14, 5L, null)));
        assertThat(p.enriched.readValuesToList()).isEmpty();
    }

    @Test
    void aFullClassEvictsItsOldestNumber() {
        PairingDriver p = start(12, new PendingLimits(2, 0), false);
        long oldest = p.sendNumber(5, 100);
        p.sendNumber(5, 200);
        p.sendNumber(5, 300);
        p.sendNumber(4, 400); // other classes have their own bound

        List<TestRecord<byte[], byte[]>> out = p.unpaired.readRecordsToList();
        assertThat(out).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(ComplementClassKey.encode(5));
            assertThat(record.timestamp()).isEqualTo(100);
            assertThat(record.value()).isEqualTo(p.encode(new Unpaired(
                    new SourceEvent(5, 0, oldest, 100, oldest), UnpairedReason.EVICTED)));
        });
        assertThat(p.enriched.isEmpty()).isTrue();
    }

    @Test
    void aNumberExpiresWhenItsOwnClassMovesPastTheTtl() {
        PairingDriver p = start(12, new PendingLimits(1_000, 10_000), false);
        p.sendNumber(5, 0);
        p.sendNumber(7, 10_000); // 5 waited exactly the TTL: expired before it could pair

        assertThat(p.unpaired.readValuesToList()).containsExactlyElementsOf(p.expectedUnpairedValues()).hasSize(1);
        assertThat(OutputCodec.decodeUnpaired(p.expectedUnpairedValues().get(0)).getReason().name())
                .isEqualTo("EXPIRED");
        assertThat(p.enriched.isEmpty()).as("the 7 waits instead").isTrue();
    }

    @Test
    void streamTimeExpiresClassesThatReceiveNothingMore() {
        PairingDriver p = start(12, new PendingLimits(1_000, 10_000), false);
        long five = p.sendNumber(5, 1_000);
        long four = p.sendNumber(4, 5_000);
        p.sendNumber(0, 10_999); // stream time moves, but the 5 has waited only 9,999 ms
        assertThat(p.unpaired.isEmpty()).isTrue();

        p.sendNumber(0, 15_000); // 0 + 0 is no pair; stream time passes the TTL of the 4 and the 5

        assertThat(p.unpaired.readRecordsToList()).extracting(TestRecord::value).containsExactly(
                p.encode(new Unpaired(new SourceEvent(4, 0, four, 5_000, four), UnpairedReason.EXPIRED)),
                p.encode(new Unpaired(new SourceEvent(5, 0, five, 1_000, five), UnpairedReason.EXPIRED)));
        p.sendNumber(7, 15_001);
        assertThat(p.enriched.isEmpty()).as("the 5 is gone, so the 7 cannot pair").isTrue();
    }

    @Test
    void pendingNumbersSurviveAStopAndAStartOnTheSameStateDirectory(@TempDir Path elsewhere) throws Exception {
        Path taskDir = keptTaskDirectory(elsewhere);
        StreamsRunnerConfig config = PairingDriver.config(12, PendingLimits.DEFAULT, false);
        PairingDriver before = new PairingDriver(config, stateDir);
        long five = before.sendNumber(5, 1_000);
        before.sendNumber(5, 2_000);
        before.sendNumber(3, 3_000);
        assertThat(before.enriched.isEmpty()).isTrue();
        before.close();
        assertThat(taskDir.resolve("rocksdb").resolve(PairingTopology.PENDING_STORE)).isDirectoryContaining("glob:**.sst");

        relink(taskDir);
        pipeline = new PairingDriver(config, stateDir);
        pipeline.send(ComplementClassKey.encode(5), RawValueCodec.encodeAvro(7, 99L, null), 4_000);

        List<NumberPair> pairs = pipeline.enriched.readValuesToList().stream().map(OutputCodec::decodePair).toList();
        assertThat(pairs).singleElement().satisfies(pair -> {
            assertThat(pair.getFirst().getTimestamp()).as("the oldest 5, from before the restart").isEqualTo(1_000);
            assertThat(pair.getFirst().getOffset()).isEqualTo(five);
            assertThat(pair.getSecond().getTimestamp()).isEqualTo(4_000);
        });
    }

    @Test
    void aChangedPairSumOnExistingStateRefusesToStartAndSaysWhatToDo(@TempDir Path elsewhere) throws Exception {
        Path taskDir = keptTaskDirectory(elsewhere);
        PairingDriver before = new PairingDriver(PairingDriver.config(12, PendingLimits.DEFAULT, false), stateDir);
        before.sendNumber(5, 1_000);
        before.close();

        relink(taskDir);
        // with pairSum 10 the waiting 5 would be the middle class's and pair with the next 5
        assertThatThrownBy(() -> new PairingDriver(PairingDriver.config(10, PendingLimits.DEFAULT, false), stateDir))
                .rootCause().hasMessageContaining("written with pairSum 12")
                .hasMessageContaining("--pairSum 10").hasMessageContaining("--pairSum 12")
                .hasMessageContaining("--groupId");
    }

    @Test
    void stateStampedWithALayoutThisVersionDoesNotKnowIsRefused(@TempDir Path elsewhere) throws Exception {
        Path taskDir = keptTaskDirectory(elsewhere);
        StreamsRunnerConfig config = PairingDriver.config(12, PendingLimits.DEFAULT, false);
        PairingDriver before = new PairingDriver(config, stateDir);
        before.sendNumber(5, 1_000);
        // as a later version would stamp it: its events may mean something this version cannot read
        KeyValueStore<Bytes, byte[]> store = before.driver.getKeyValueStore(PairingTopology.PENDING_STORE);
        store.put(STAMP, ByteBuffer.allocate(8).putLong(new PendingStateStamp(KeyValuePendingStore.LAYOUT + 1, 12)
                .packed()).array());
        before.close();

        relink(taskDir);
        assertThatThrownBy(() -> new PairingDriver(config, stateDir)).rootCause()
                .hasMessageContaining("state layout " + (KeyValuePendingStore.LAYOUT + 1))
                .hasMessageContaining("by a newer version")
                .hasMessageContaining("reads layout " + KeyValuePendingStore.LAYOUT)
                .hasMessageContaining("the version that wrote it");
    }

    /**
     * Issue 27, item 6: under at-least-once a crash in the middle of a commit can leave the changelog
     * without some of a class's waiting numbers while it has the ones around them (the record cache
     * flushes keys in the order they were last written). Such a store must be continued: the numbers
     * that are there pair in their order, the lost ones count as read again after the crash.
     */
    @Test
    void aHoleLeftInAClasssWaitingNumbersByACrashUnderAtLeastOnceIsSkipped(@TempDir Path elsewhere) throws Exception {
        Path taskDir = keptTaskDirectory(elsewhere);
        StreamsRunnerConfig config = PairingDriver.config(PipelineSpec.builder()
                .guarantee(dev.pairing.runtime.Guarantee.AT_LEAST_ONCE).build(), false);
        PairingDriver before = new PairingDriver(config, stateDir);
        List<Long> fives = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            fives.add(before.sendNumber(5, 1_000 + i));
        }
        // what the changelog lacks after the crash: the entries of class 5's positions 32 to 63, whichever
        // layout keeps them (a key per number, or a key per 32)
        KeyValueStore<Bytes, byte[]> store = before.driver.getKeyValueStore(PairingTopology.PENDING_STORE);
        for (long position = 32; position < 64; position++) {
            store.delete(Bytes.wrap(ByteBuffer.allocate(13).put((byte) 'E').putInt(5).putLong(position).array()));
        }
        store.delete(Bytes.wrap(ByteBuffer.allocate(13).put((byte) 'C').putInt(5).putLong(1).array()));
        before.close();

        relink(taskDir);
        pipeline = new PairingDriver(config, stateDir);
        for (int i = 0; i < 100; i++) {
            pipeline.sendNumber(7, 2_000 + i);
        }

        List<Long> paired = pipeline.enriched.readValuesToList().stream()
                .map(pair -> OutputCodec.decodePair(pair).getFirst().getOffset()).toList();
        List<Long> kept = new java.util.ArrayList<>(fives.subList(0, 32));
        kept.addAll(fives.subList(64, 100));
        assertThat(paired).as("the 5s that are still there, oldest first").isEqualTo(kept);
    }
    @Test
    void stateOfLayout2IsContinuedOverOnePartitionItsGapsSkipped(@TempDir Path elsewhere) throws Exception {
        Path taskDir = keptTaskDirectory(elsewhere);
        StreamsRunnerConfig config = PairingDriver.config(12, PendingLimits.DEFAULT, false);
        PairingDriver before = new PairingDriver(config, stateDir);
        before.sendNumber(3, 1); // a record, so that the store exists; it waits in class 3
        // the store as layout 2 left it: a key per waiting number, a stamp of 8 bytes
        KeyValueStore<Bytes, byte[]> store = before.driver.getKeyValueStore(PairingTopology.PENDING_STORE);
        for (Bytes key : keys(store)) {
            store.delete(key);
        }
        store.put(STAMP, ByteBuffer.allocate(8).putLong(new PendingStateStamp(2, 12).packed()).array());
        SourceEventSerde serde = new SourceEventSerde();
        for (long position : new long[] {0, 1, 3}) { // 2 lost by a crash under at-least-once
            store.put(Bytes.wrap(ByteBuffer.allocate(13).put((byte) 'E').putInt(5).putLong(position).array()),
                    serde.toBytes(new SourceEvent(5, 0, 10 + position, 100 + position, null)));
        }
        before.close();

        relink(taskDir);
        pipeline = new PairingDriver(config, stateDir);
        for (int i = 0; i < 4; i++) {
            pipeline.sendNumber(7, 2_000 + i);
        }

        assertThat(pipeline.enriched.readValuesToList()).extracting(pair -> OutputCodec.decodePair(pair).getFirst()
                .getOffset()).containsExactly(10L, 11L, 13L);
        assertThat(stampedLayout(pipeline)).as("stamped in the current layout").isEqualTo(KeyValuePendingStore.LAYOUT);
    }

    @Test
    void stateOfLayout2OverSeveralPartitionsIsRefusedWithWhatToDo(@TempDir Path elsewhere) throws Exception {
        Path taskDir = keptTaskDirectory(elsewhere);
        StreamsRunnerConfig config = PairingDriver.config(12, PendingLimits.DEFAULT, true);
        PairingDriver before = new PairingDriver(config, stateDir, 3);
        before.sendNumber(0, 1); // class 0 is at home in partition 0, where the driver reads
        KeyValueStore<Bytes, byte[]> store = before.driver.getKeyValueStore(PairingTopology.PENDING_STORE);
        store.put(STAMP, ByteBuffer.allocate(8).putLong(new PendingStateStamp(2, 12).packed()).array());
        before.close();

        relink(taskDir);
        // layout 2 put class c in partition murmur2("c") mod 3, this version in c mod 3: its numbers would be misread
        assertThatThrownBy(() -> new PairingDriver(config, stateDir, 3)).rootCause()
                .hasMessageContaining("state layout 2").hasMessageContaining("hash of their key")
                .hasMessageContaining("partition c mod 3").hasMessageContaining("run the version that wrote it")
                .hasMessageContaining("--groupId");
    }

    @Test
    void stateWrittenOverAnotherPartitionCountIsRefusedWithWhatToDo(@TempDir Path elsewhere) throws Exception {
        Path taskDir = keptTaskDirectory(elsewhere);
        StreamsRunnerConfig config = PairingDriver.config(12, PendingLimits.DEFAULT, true);
        PairingDriver before = new PairingDriver(config, stateDir, 3);
        before.sendNumber(0, 1);
        before.close();

        relink(taskDir);
        assertThatThrownBy(() -> new PairingDriver(config, stateDir, 4)).rootCause()
                .hasMessageContaining("raw topic at 3 partitions, but it has 4 now")
                .hasMessageContaining("read a raw topic of 3 partitions").hasMessageContaining("--groupId");
    }

    private static int stampedLayout(PairingDriver driver) {
        KeyValueStore<Bytes, byte[]> store = driver.driver.getKeyValueStore(PairingTopology.PENDING_STORE);
        return PendingStateStamp.fromPacked(ByteBuffer.wrap(store.get(STAMP)).getLong()).layout();
    }

    private static List<Bytes> keys(KeyValueStore<Bytes, byte[]> store) {
        List<Bytes> keys = new java.util.ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    private static final Bytes STAMP = Bytes.wrap(new byte[] {'L'});

    /**
     * TopologyTestDriver#close deletes the task directories after closing the stores cleanly (a real
     * application keeps them). The task directory is a link to a directory elsewhere, so the deletion
     * removes only the link and the closed store's files stay, as a stopped app leaves them.
     */
    private Path keptTaskDirectory(Path elsewhere) throws java.io.IOException {
        Path taskDir = Files.createDirectories(elsewhere.resolve("0_0"));
        relink(taskDir);
        return taskDir;
    }

    private void relink(Path taskDir) throws java.io.IOException {
        Path link = stateDir.resolve(PairingDriver.APPLICATION_ID).resolve("0_0");
        Files.createDirectories(link.getParent()); // a clean-up removes the emptied application directory too
        Files.createSymbolicLink(link, taskDir);
    }
}
