package dev.pairing.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pairing.core.validation.RejectReason;
import dev.pairing.local.chaos.FaultLog;
import dev.pairing.local.view.LiveView;
import dev.pairing.local.view.RecordLine;
import dev.pairing.schemas.avro.NumberPair;
import dev.pairing.schemas.avro.SourceEvent;
import dev.pairing.schemas.deadletter.DeadLetter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The state the page reads, as JSON: what the live view, the scrapes and the fault log told it, in
 * the shape console.js draws. Parsed back with a JSON library, so that the text is JSON as a
 * browser reads it.
 */
class ConsoleStateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long ORIGIN = 1_000_000L;

    private final FaultLog faults = new FaultLog();
    private final ConsoleState state = new ConsoleState("streams demo, seed 42", faults, false);

    @Test
    void countsAreTheLiveViewsAndPendingIsWhatTheyLeave() throws Exception {
        state.origin(ORIGIN);
        state.counted(new LiveView.Counts(1_000, 990, 10, 480, 3));

        JsonNode counts = read().get("counts");
        assertThat(counts.get("raw").asLong()).isEqualTo(1_000);
        assertThat(counts.get("valid").asLong()).isEqualTo(980);
        assertThat(counts.get("deadLetters").asLong()).isEqualTo(10);
        assertThat(counts.get("pairs").asLong()).isEqualTo(480);
        assertThat(counts.get("unpaired").asLong()).isEqualTo(3);
        assertThat(counts.get("pending").asLong()).isEqualTo(980 - 2 * 480 - 3);
        assertThat(counts.get("lag").asLong()).isEqualTo(10);
    }

    @Test
    void recentPairsShowTheirTwoEventsNewestFirstAndKeepTwelve() throws Exception {
        state.origin(ORIGIN);
        for (int i = 0; i < ConsoleState.RECENT + 3; i++) {
            NumberPair pair = NumberPair.newBuilder().setPairSum(12).setLow(5).setHigh(7)
                    .setFirst(event(5, 0, 2L * i, ORIGIN + 1_000, (long) i))
                    .setSecond(event(7, 1, 2L * i + 1, ORIGIN + 3_500, null)).build();
            state.committed(new RecordLine.Described(RecordLine.Kind.PAIR, RecordLine.pair(pair), ORIGIN + 3_500, pair),
                    ORIGIN + 4_000 + i);
        }

        JsonNode pairs = read().get("pairs");
        assertThat(pairs).hasSize(ConsoleState.RECENT);
        JsonNode newest = pairs.get(0);
        assertThat(newest.get("at").asDouble()).isEqualTo(4.0); // 4.014 s, to a tenth
        assertThat(newest.get("sum").asInt()).isEqualTo(12);
        assertThat(newest.get("first").get("value").asLong()).isEqualTo(5);
        assertThat(newest.get("first").get("source").asText()).isEqualTo("p0@28");
        assertThat(newest.get("first").get("sequence").asLong()).isEqualTo(14);
        assertThat(newest.get("first").get("at").asDouble()).isEqualTo(1.0);
        assertThat(newest.get("second").get("value").asLong()).isEqualTo(7);
        assertThat(newest.get("second").get("source").asText()).isEqualTo("p1@29");
        assertThat(newest.get("second").get("sequence").isNull()).isTrue();
        assertThat(pairs.get(ConsoleState.RECENT - 1).get("first").get("source").asText()).isEqualTo("p0@6");
    }

    @Test
    void deadLettersShowTheirReasonsAndEveryOneIsCountedByReason() throws Exception {
        state.origin(ORIGIN);
        letter(RejectReason.NOT_A_NUMBER, "\"twelve\" is not a number\n(the value)");
        letter(RejectReason.NOT_A_NUMBER, "x");
        letter(RejectReason.TOO_LARGE, "4096 bytes");
        state.committed(new RecordLine.Described(RecordLine.Kind.DEAD_LETTER, "dlq  (unreadable headers: no reason)",
                -1, null), ORIGIN);

        JsonNode shown = read();
        assertThat(shown.get("deadLetterReasons").toString())
                .isEqualTo("{\"NOT_A_NUMBER\":2,\"TOO_LARGE\":1,\"UNREADABLE\":1}");
        JsonNode letters = shown.get("deadLetters");
        assertThat(letters).hasSize(4);
        assertThat(letters.get(3).get("reason").asText()).isEqualTo("NOT_A_NUMBER");
        // quotes and a line break survive the JSON text
        assertThat(letters.get(3).get("detail").asText()).isEqualTo("\"twelve\" is not a number\n(the value)");
        assertThat(letters.get(3).get("source").asText()).isEqualTo("p2@17");
        assertThat(letters.get(0).get("reason").asText()).isEqualTo("UNREADABLE");
    }

    @Test
    void theTimelineHasEachPlannedKillItsFaultAndTheOutageItCaused() throws Exception {
        long start = System.currentTimeMillis();
        state.origin(start);
        faults.planned("SIGKILL the Streams runner", start + 5_000);
        faults.fault("SIGKILL the Streams runner (pid 4711)");
        FaultLog.Entry outage = faults.outageBegins("the Streams runner (pid 4711)");
        FaultLog.Entry stillOpen = faults.outageBegins("broker node 2");
        faults.end(outage);

        JsonNode timeline = read().get("timeline");
        assertThat(timeline).hasSize(4);
        assertThat(timeline).extracting(e -> e.get("kind").asText()).containsExactly("PLANNED", "FAULT", "OUTAGE",
                "OUTAGE");
        assertThat(timeline.get(0).get("start").asDouble()).isEqualTo(5.0);
        assertThat(timeline.get(1).get("what").asText()).isEqualTo("SIGKILL the Streams runner (pid 4711)");
        assertThat(timeline.get(2).get("end").isNumber()).isTrue();
        assertThat(timeline.get(2).get("end").asDouble()).isGreaterThanOrEqualTo(timeline.get(2).get("start").asDouble());
        assertThat(timeline.get(3).get("id").asInt()).isEqualTo(stillOpen.id());
        assertThat(timeline.get(3).get("end").isNull()).as("an outage not ended yet").isTrue();
    }

    @Test
    void ratesAndPendingComeFromTheScrapes() throws Exception {
        state.origin(ORIGIN);
        state.scraped(ORIGIN, Map.of("a", Scrape.parse("pairing_records_total 10\npairing_pending{class=\"3\"} 1\n")),
                Map.of("http://127.0.0.1:1/metrics", "up"));
        state.scraped(ORIGIN + 2_000, Map.of("a", Scrape.parse("pairing_records_total 50\npairing_pairs_total 20\n"
                + "pairing_pending{class=\"3\"} 2\npairing_pending{class=\"10\"} 4\npairing_pending{class=\"9\"} 0\n")),
                Map.of("http://127.0.0.1:1/metrics", "up"));

        JsonNode shown = read();
        JsonNode rates = shown.get("rates");
        assertThat(rates.get("series").toString())
                .isEqualTo("[\"pairing_records_total\",\"pairing_pairs_total\",\"pairing_dead_letters_total\"]");
        // a new series on an endpoint already read began after the console did: all of it counts
        assertThat(rates.get("points").toString()).isEqualTo("[[2,20,10,0]]");
        assertThat(shown.get("pending").get("classes")).extracting(c -> c.get("class").asText())
                .as("classes as numbers: 3, 9, 10").containsExactly("3", "9", "10");
        assertThat(shown.get("pending").get("classes").get(2).get("pending").asDouble()).isEqualTo(4.0);
        assertThat(shown.get("endpoints").get(0).get("status").asText()).isEqualTo("up");
    }

    @Test
    void theEndIsFinishedAndStartsWithoutLedger() throws Exception {
        JsonNode shown = read();
        assertThat(shown.get("phase").asText()).isEqualTo("STARTING");
        assertThat(shown.get("finished").asBoolean()).isFalse();
        assertThat(shown.get("ledger").isNull()).isTrue();
        assertThat(shown.get("counts").isNull()).isTrue();

        state.phase(ConsoleState.Phase.FAILED, "STOPPED: the runner exited");
        assertThat(state.served().finished()).isTrue();
        assertThat(read().get("message").asText()).isEqualTo("STOPPED: the runner exited");
    }

    private void letter(RejectReason reason, String detail) {
        DeadLetter letter = new DeadLetter(reason, detail, "raw-topic", 2, 17, ORIGIN);
        state.committed(new RecordLine.Described(RecordLine.Kind.DEAD_LETTER, "dlq", -1, letter), ORIGIN + 500);
    }

    private static SourceEvent event(long value, int partition, long offset, long timestamp, Long sequence) {
        return SourceEvent.newBuilder().setValue(value).setPartition(partition).setOffset(offset)
                .setTimestamp(timestamp).setSequence(sequence).build();
    }

    private JsonNode read() throws Exception {
        return JSON.readTree(state.json());
    }
}
