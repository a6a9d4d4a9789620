package dev.pairing.streams.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.core.matching.SourceEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PendingChunkTest {

    @Test
    void aChunkReadsBackTheEventsAppendedToIt() {
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            long first = random.nextInt(1_000) * (long) PendingChunk.EVENTS + random.nextInt(PendingChunk.EVENTS);
            PendingChunk chunk = PendingChunk.startingAt(5, first);
            List<SourceEvent> appended = new ArrayList<>();
            byte[] value = null;
            while (!chunk.isFull()) {
                SourceEvent event = randomEvent(random);
                value = chunk.append(event);
                appended.add(event);
            }
            PendingChunk read = PendingChunk.decode(chunk.key, value);
            assertThat(read.first()).isEqualTo(first);
            assertThat(read.end()).isEqualTo(first + appended.size());
            for (int i = 0; i < appended.size(); i++) {
                assertThat(read.event(first + i)).isEqualTo(appended.get(i));
            }
            assertThat(PendingChunk.firstOf(chunk.key, value)).isEqualTo(first);
            assertThat(PendingChunk.endOf(chunk.key, value)).isEqualTo(first + appended.size());
        }
    }

    @Test
    void anAppendLeavesTheValueGivenBeforeAsItWas() {
        PendingChunk chunk = PendingChunk.startingAt(5, 0);
        byte[] one = chunk.append(new SourceEvent(5, 0, 10, 100, 1L));
        byte[] copy = one.clone();
        byte[] two = chunk.append(new SourceEvent(5, 0, 11, 101, 2L));
        assertThat(one).isEqualTo(copy);
        assertThat(two).isNotSameAs(one);
    }

    /** Numbers of one class read in order: consecutive offsets, timestamps and sequences. */
    @Test
    void neighbouringEventsTakeAFewBytesEach() {
        PendingChunk chunk = PendingChunk.startingAt(5, 0);
        byte[] value = null;
        for (int i = 0; i < PendingChunk.EVENTS; i++) {
            value = chunk.append(new SourceEvent(7, 2, 1_000_000 + 3 * i, 1_700_000_000_000L + i, 5_000_000L + 3 * i));
        }
        assertThat(value.length).as("against 37 bytes an event in the repartition topic's layout")
                .isLessThan(3 + 20 + PendingChunk.EVENTS * 8);
    }

    @Test
    void aValueCutShortIsCorrupt() {
        PendingChunk chunk = PendingChunk.startingAt(5, 0);
        chunk.append(new SourceEvent(7, 2, 1, 1, null));
        byte[] value = chunk.append(new SourceEvent(7, 2, 1, 1, null));
        assertThatThrownBy(() -> PendingChunk.decode(chunk.key, Arrays.copyOf(value, value.length - 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("corrupt");
    }

    private static SourceEvent randomEvent(Random random) {
        return new SourceEvent(random.nextInt(1_000_000_001), random.nextInt(64), random.nextLong() & Long.MAX_VALUE,
                random.nextBoolean() ? random.nextLong() : random.nextInt(1_000), random.nextInt(4) == 0 ? null
                : (Long) random.nextLong());
    }
}
