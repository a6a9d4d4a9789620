package dev.pairing.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pairing.local.console.HeadlessChromium;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console of {@code pairing demo --chaos} on each engine, as a user opens it: the packaged
 * demo with three brokers and a Streams runner or a Flink cluster serving its metrics, the page in a
 * real headless Chromium, and the page's state read by an HTTP client all along. What the page shows at the end must be what
 * verify counted (the demo's final ledger, printed in the terminal too), every kill of the plan
 * must be on its timeline with the outage it caused, and the page must log no error. The terminal
 * must show what {@code DemoIT}'s chaos demo asserts: these runs are the suite's chaos demos with a page.
 */
class DemoConsoleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONSOLE = Pattern.compile("console: (http://127\\.0\\.0\\.1:\\d+/)");
    private static final Pattern BALANCED = Pattern.compile(
            "\nbalanced: (\\d+) raw = 2 x (\\d+) pairs \\+ (\\d+) dead letters \\+ (\\d+) unpaired \\+ (\\d+) pending; 0 duplicates\n");
    private static final Duration LIMIT = Duration.ofMinutes(6);
    /** Where the screenshots are kept: the module's target directory, a test artifact. */
    private static final Path ARTIFACTS = Path.of("target", "console-it");

    // kept when a test fails: the demo's logs (runner, brokers, Flink) say why
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    @Test
    void thePageShowsTheStreamsChaosDemoLiveAndEndsWithVerifysLedger() throws Exception {
        showsTheChaosDemo("streams", "the Streams runner");
    }

    /**
     * The Flink chaos demo of the suite (the counts and gauges from Flink's reporter on the JobManager
     * and the TaskManagers); the JobManager restarts the job on each replacement TaskManager from its
     * last checkpoint, and the demo ends it with a savepoint.
     */
    @Test
    void thePageShowsTheFlinkChaosDemoLiveAndEndsWithVerifysLedger() throws Exception {
        DemoIT.Demo demo = showsTheChaosDemo("flink", "a Flink TaskManager");
        assertThat(demo.output()).contains("the Flink job restarted from its last checkpoint")
                .contains("job stopped with a savepoint");
    }

    /**
     * Runs {@code demo --chaos} on {@code engine} with its page open; asserts the page against verify's
     * ledger and the terminal against the plan ({@link DemoIT#assertSurvivedTheChaos}).
     *
     * @param victim what the terminal and the timeline call the engine's process that is killed twice
     */
    private DemoIT.Demo showsTheChaosDemo(String engine, String victim) throws Exception {
        Optional<Path[]> chromium = HeadlessChromium.installed();
        DemoIT.Demo demo = DemoIT.Demo.startCluster(dataDir, "--engine", engine, "--chaos", "--duration", "90s",
                "--corruptRate", "0.05");
        demo.command.awaitOutput("console: http://", LIMIT);
        Matcher printed = CONSOLE.matcher(demo.output());
        assertThat(printed.find()).as(demo.output()).isTrue();
        URI page = URI.create(printed.group(1));
        Path artifacts = ARTIFACTS.resolve(engine);

        try (StateReader reader = new StateReader(page)) {
            reader.start();
            HeadlessChromium browser = chromium.isEmpty() ? null
                    : HeadlessChromium.start(chromium.get()[0], chromium.get()[1], dataDir.resolve("chromium"));
            try {
                if (browser != null) {
                    browser.open(page);
                    // live: pairs counted on the page while the demo runs, and the first kill on the timeline
                    // a demo that ended (failed) shows no more: say what it printed at once
                    await("pairs on the page").atMost(LIMIT)
                            .failFast(() -> assertThat(demo.command.isAlive()).as("the demo runs; it printed:\n%s",
                                    demo.output()).isTrue())
                            .until(() -> number(browser, "#count-pairs") > 0);
                    await("a kill of --chaos on the page's timeline").atMost(LIMIT)
                            .failFast(() -> assertThat(demo.command.isAlive()).as("the demo runs; it printed:\n%s",
                                    demo.output()).isTrue()).until(() -> browser.script(
                            "return document.querySelectorAll('#timeline .timeline-mark[data-kind=FAULT]').length"
                                    + " + document.querySelectorAll('#timeline-list li[data-kind=FAULT]').length").asInt() >= 2);
                    browser.screenshot(artifacts.resolve("console-running.png"));
                }
                assertThat(demo.awaitExit()).as(demo.output()).isZero();

                JsonNode end = reader.last();
                assertThat(end.get("phase").asText()).as(end.toString()).isEqualTo("FINISHED");
                assertEndIsVerifysLedger(end, demo.output());
                assertEveryKillIsOnTheTimelineWithItsOutage(end, victim);
                assertThat(reader.sawLive()).as("rates and a fault while the demo ran").isTrue();

                if (browser != null) {
                    assertThePageShowsTheEnd(browser, end);
                    browser.screenshot(artifacts.resolve("console-end.png"));
                    List<String> logged = browser.consoleEntries();
                    assertThat(logged).as("the page's console: " + logged).noneMatch(e -> e.startsWith("SEVERE"));
                }
            } finally {
                if (browser != null) {
                    browser.close();
                }
            }
        }
        DemoIT.assertPairsShownAndLedgerBalanced(demo);
        DemoIT.assertSurvivedTheChaos(demo, victim);
        assumeTrue(chromium.isPresent(), "NO HEADLESS BROWSER: chromium and chromedriver are not both on the PATH;"
                + " the page's state was checked over HTTP only, the page itself not at all");
        return demo;
    }

    /** The end's ledger is verify's, as the terminal printed it; the live counts and lists agree with it. */
    private static void assertEndIsVerifysLedger(JsonNode end, String output) {
        JsonNode ledger = end.get("ledger");
        assertThat(ledger.get("balanced").asBoolean()).as(ledger.toString()).isTrue();
        Matcher balanced = BALANCED.matcher(output);
        assertThat(balanced.find()).as(output).isTrue();
        Map<String, Long> terminal = Map.of("raw", Long.parseLong(balanced.group(1)),
                "pairs", Long.parseLong(balanced.group(2)), "deadLetters", Long.parseLong(balanced.group(3)),
                "unpaired", Long.parseLong(balanced.group(4)), "pending", Long.parseLong(balanced.group(5)));
        JsonNode counts = end.get("counts");
        for (Map.Entry<String, Long> figure : terminal.entrySet()) {
            assertThat(ledger.get(figure.getKey()).asLong()).as("ledger " + figure.getKey()).isEqualTo(figure.getValue());
            assertThat(counts.get(figure.getKey()).asLong()).as("live count " + figure.getKey()).isEqualTo(figure.getValue());
        }
        assertThat(terminal.get("pairs")).isPositive();
        assertThat(terminal.get("deadLetters")).isPositive();
        assertThat(end.get("deadLetterReasons")).as("dead letters listed by reason, live").isEqualTo(
                ledger.get("deadLettersByReason"));
        // pending per class from the runner's gauges, last read once the runner had caught up
        Map<String, Long> gauged = new TreeMap<>();
        for (JsonNode row : end.get("pending").get("classes")) {
            if (row.get("pending").asLong() > 0) {
                gauged.put(row.get("class").asText(), row.get("pending").asLong());
            }
        }
        Map<String, Long> ledgered = new TreeMap<>();
        ledger.get("pendingByClass").fields().forEachRemaining(e -> ledgered.put(e.getKey(), e.getValue().asLong()));
        assertThat(gauged).as("pending per class: the gauges against the ledger").isEqualTo(ledgered);
        assertThat(end.get("pairs").size()).isPositive();
        JsonNode pair = end.get("pairs").get(0);
        assertThat(pair.get("first").get("value").asLong() + pair.get("second").get("value").asLong())
                .isEqualTo(pair.get("sum").asLong());
        assertThat(end.get("deadLetters").get(0).get("reason").asText()).isNotBlank();
    }

    /**
     * Five faults planned and made (two kills of {@code victim}, one of a broker, a freeze of {@code
     * victim}, a cut of the engine), each outage ended by a pair.
     */
    private static void assertEveryKillIsOnTheTimelineWithItsOutage(JsonNode end, String victim) {
        List<JsonNode> timeline = List.copyOf(JSON.convertValue(end.get("timeline"),
                JSON.getTypeFactory().constructCollectionType(List.class, JsonNode.class)));
        assertThat(timeline.stream().filter(e -> e.get("kind").asText().equals("PLANNED"))).as(end.toString()).hasSize(5);
        List<JsonNode> made = timeline.stream().filter(e -> e.get("kind").asText().equals("FAULT")).toList();
        assertThat(made).extracting(e -> e.get("what").asText()).as(end.toString())
                .filteredOn(what -> what.startsWith("SIGKILL " + victim)).hasSize(2);
        assertThat(made).extracting(e -> e.get("what").asText())
                .filteredOn(what -> what.startsWith("SIGKILL broker node")).hasSize(1);
        assertThat(made).extracting(e -> e.get("what").asText())
                .filteredOn(what -> what.startsWith("SIGSTOP " + victim)).hasSize(1);
        String engine = victim.equals("the Streams runner") ? victim : "the Flink job";
        assertThat(made).extracting(e -> e.get("what").asText())
                .filteredOn(what -> what.startsWith("cut " + engine + " off from the brokers")).hasSize(1);
        // the freeze and the cut last: each is on the timeline with its end
        assertThat(made.subList(3, 5)).allMatch(e -> e.get("end").isNumber() && e.get("end").asDouble() > e.get("start").asDouble());
        List<JsonNode> outages = timeline.stream().filter(e -> e.get("kind").asText().equals("OUTAGE")).toList();
        assertThat(outages).as(end.toString()).hasSize(5).allMatch(o -> o.get("end").isNumber())
                .allMatch(o -> o.get("end").asDouble() >= o.get("start").asDouble());
        // each outage begins after the fault that caused it
        for (int i = 0; i < 5; i++) {
            assertThat(outages.get(i).get("start").asDouble()).isGreaterThanOrEqualTo(made.get(i).get("start").asDouble());
        }
    }

    /** The page, after the end: its counts and its ledger section are the ledger's figures. */
    private static void assertThePageShowsTheEnd(HeadlessChromium browser, JsonNode end) throws IOException {
        await("the ledger on the page").atMost(Duration.ofSeconds(30))
                .until(() -> !browser.script("return document.getElementById('ledger').hidden").asBoolean());
        JsonNode ledger = end.get("ledger");
        for (String key : List.of("raw", "pairs", "deadLetters", "unpaired", "pending")) {
            assertThat(number(browser, "#count-" + key)).as("the page's count of " + key).isEqualTo(ledger.get(key).asLong());
            assertThat(number(browser, "#ledger-" + key)).as("the page's ledger " + key).isEqualTo(ledger.get(key).asLong());
        }
        assertThat(browser.script("return document.getElementById('ledger-agreement').textContent").asText())
                .isEqualTo("the counts above, read live from the topics, agree with the ledger");
        assertThat(browser.script("return document.getElementById('ledger-verdict').textContent").asText())
                .isEqualTo(ledger.get("sum").asText());
        assertThat(browser.script("return document.querySelectorAll('#timeline .timeline-mark[data-kind=OUTAGE]').length")
                .asInt()).as("an outage mark for each kill, the freeze and the cut").isEqualTo(5);
        assertThat(browser.script("return document.querySelectorAll('#plot path.series.records').length").asInt())
                .as("the records' line on the plot").isEqualTo(1);
    }

    /** The number an element of the page holds in its {@code data-value}, or -1 while it has none. */
    private static long number(HeadlessChromium browser, String selector) throws IOException {
        String value = browser.script("const e = document.querySelector('" + selector + "');"
                + " return e === null || !e.dataset.value ? '' : e.dataset.value").asText();
        return value.isEmpty() ? -1 : Long.parseLong(value);
    }

    /**
     * Reads the page's state over HTTP, as the page does, until it is the end: naming itself, so
     * that the demo waits for it too before it stops serving.
     */
    private static final class StateReader implements AutoCloseable {

        private final URI state;
        private final HttpClient http = HttpClient.newHttpClient();
        private final AtomicReference<JsonNode> last = new AtomicReference<>();
        private final List<String> errors = new CopyOnWriteArrayList<>();
        private final CountDownLatch ended = new CountDownLatch(1);
        private final ScheduledExecutorService reads = Executors.newSingleThreadScheduledExecutor();
        private volatile boolean sawRates;
        private volatile boolean sawFaultWhileRunning;

        StateReader(URI page) {
            this.state = page.resolve("api/state?page=test-reader");
        }

        void start() {
            // about the page's own pace
            reads.scheduleWithFixedDelay(this::read, 0, 300, TimeUnit.MILLISECONDS);
        }

        private void read() {
            if (ended.getCount() == 0) {
                return;
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(state).build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode now = JSON.readTree(response.body());
                last.set(now);
                for (JsonNode point : now.get("rates").get("points")) {
                    sawRates |= point.get(1).asDouble() > 0 && point.get(2).asDouble() > 0;
                }
                for (JsonNode entry : now.get("timeline")) {
                    sawFaultWhileRunning |= entry.get("kind").asText().equals("FAULT")
                            && now.get("phase").asText().equals("RUNNING");
                }
                if (now.get("finished").asBoolean()) {
                    ended.countDown();
                }
            } catch (IOException e) {
                errors.add(e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The state that was the end. */
        JsonNode last() throws InterruptedException {
            assertThat(ended.await(30, TimeUnit.SECONDS)).as("the reader saw the end; errors: " + errors).isTrue();
            return last.get();
        }

        boolean sawLive() {
            return sawRates && sawFaultWhileRunning;
        }

        @Override
        public void close() {
            reads.shutdownNow();
        }
    }
}
