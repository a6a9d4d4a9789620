package dev.pairing.local.console;

import dev.pairing.local.chaos.FaultLog;
import dev.pairing.local.ledger.FinalLedger;
import dev.pairing.local.view.LiveView;
import dev.pairing.local.view.RecordLine;
import dev.pairing.runtime.metrics.PipelineMetric;
import dev.pairing.schemas.avro.NumberPair;
import dev.pairing.schemas.avro.SourceEvent;
import dev.pairing.schemas.deadletter.DeadLetter;
import dev.pairing.verify.VerifyReport;
import dev.pairing.verify.Violation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the page shows, gathered from where the terminal's view takes it: the records and counts the
 * {@link LiveView} reads (it is the view's {@link LiveView.Watcher}), the rates and pending the
 * runners' metrics endpoints give ({@link Throughput}), the demo's {@link FaultLog}, and at the end
 * verify's ledger. Times on the page are seconds since the origin: when the producer started, in a
 * demo (the moments of the chaos plan count from it). Thread-safe.
 */
final class ConsoleState implements LiveView.Watcher {

    /** Where the run is, as the page's status shows it. */
    enum Phase { STARTING, RUNNING, CATCHING_UP, CHECKING, FINISHED, FAILED }

    /** How many recent pairs and dead letters the page lists. */
    static final int RECENT = 12;
    /** How many rounds of scrapes the plot keeps: 15 minutes at one a second. */
    static final int PLOT_ROUNDS = 900;

    private final String title;
    private final FaultLog faults;
    private final boolean ledgerOnRequest;
    private final Throughput throughput = new Throughput(PLOT_ROUNDS);
    private final Deque<Map<String, Object>> pairs = new ArrayDeque<>();
    private final Deque<Map<String, Object>> deadLetters = new ArrayDeque<>();
    private final Map<String, Long> deadLetterReasons = new TreeMap<>();
    private long originMillis = System.currentTimeMillis();
    private Phase phase = Phase.STARTING;
    private String message = "";
    private LiveView.Counts counts;
    private long countsAtMillis;
    private Map<String, String> endpoints = Map.of();
    private FinalLedger.Result ledger;
    private String ledgerProgress = "";

    /**
     * @param faults          the demo's record of faults and outages, or null when nothing makes any
     * @param ledgerOnRequest whether the page may ask for the ledger (the standalone console: no end of
     *                        its own)
     */
    ConsoleState(String title, FaultLog faults, boolean ledgerOnRequest) {
        this.title = title;
        this.faults = faults;
        this.ledgerOnRequest = ledgerOnRequest;
    }

    synchronized void origin(long millis) {
        originMillis = millis;
    }

    synchronized void phase(Phase phase, String message) {
        this.phase = phase;
        this.message = message;
    }

    synchronized Phase phase() {
        return phase;
    }

    synchronized boolean finished() {
        return phase == Phase.FINISHED || phase == Phase.FAILED;
    }

    synchronized void ledger(FinalLedger.Result result) {
        this.ledger = result;
        this.ledgerProgress = "";
    }

    /** What the ledger check asked for on the page is doing: "checking", why it failed, or "". */
    synchronized void ledgerProgress(String progress) {
        this.ledgerProgress = progress;
    }

    /** One round of scrapes, and what each endpoint answered. */
    synchronized void scraped(long atMillis, Map<String, Scrape> answers, Map<String, String> status) {
        throughput.add(atMillis, answers);
        endpoints = status;
    }

    @Override
    public synchronized void committed(RecordLine.Described record, long timestamp) {
        if (record.decoded() instanceof NumberPair pair) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("at", seconds(timestamp));
            shown.put("sum", pair.getPairSum());
            shown.put("first", event(pair.getFirst()));
            shown.put("second", event(pair.getSecond()));
            keep(pairs, shown);
        } else if (record.kind() == RecordLine.Kind.DEAD_LETTER) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("at", seconds(timestamp));
            if (record.decoded() instanceof DeadLetter letter) {
                shown.put("reason", letter.reason().name());
                shown.put("detail", letter.detail());
                shown.put("source", "p" + letter.partition() + "@" + letter.offset());
            } else {
                shown.put("reason", "UNREADABLE");
                shown.put("detail", record.line());
                shown.put("source", "");
            }
            deadLetterReasons.merge((String) shown.get("reason"), 1L, Long::sum);
            keep(deadLetters, shown);
        }
    }

    @Override
    public synchronized void counted(LiveView.Counts counts) {
        this.counts = counts;
        this.countsAtMillis = System.currentTimeMillis();
    }

    /** The state as the page reads it, and whether it is the end. */
    synchronized ConsoleServer.State served() {
        return new ConsoleServer.State(json(), finished());
    }

    /** The state as the page reads it. */
    synchronized String json() {
        long now = System.currentTimeMillis();
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("title", title);
        state.put("phase", phase.name());
        state.put("message", message);
        state.put("finished", finished());
        state.put("now", seconds(now));
        state.put("ledgerOnRequest", ledgerOnRequest);
        state.put("ledgerProgress", ledgerProgress);
        state.put("counts", counts == null ? null : counts());
        state.put("rates", rates());
        state.put("pending", pending());
        List<Map<String, Object>> status = new ArrayList<>();
        endpoints.forEach((url, what) -> status.add(Map.of("url", url, "status", what)));
        state.put("endpoints", status);
        state.put("pairs", List.copyOf(pairs));
        state.put("deadLetters", List.copyOf(deadLetters));
        state.put("deadLetterReasons", new TreeMap<>(deadLetterReasons));
        state.put("timeline", timeline());
        state.put("ledger", ledger == null ? null : ledger());
        return Json.write(state);
    }

    private Map<String, Object> counts() {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("at", seconds(countsAtMillis));
        shown.put("raw", counts.raw());
        shown.put("valid", counts.valid());
        shown.put("deadLetters", counts.rejected());
        shown.put("pairs", counts.pairs());
        shown.put("unpaired", counts.unpaired());
        shown.put("pending", counts.pending());
        shown.put("lag", counts.lag());
        return shown;
    }

    private Map<String, Object> rates() {
        List<Object> points = new ArrayList<>();
        for (Throughput.Point point : throughput.points()) {
            List<Object> row = new ArrayList<>();
            row.add(seconds(point.atMillis()));
            for (int i = 0; i < Throughput.PLOTTED.size(); i++) {
                row.add(point.perSecond() == null ? null : round(point.perSecond()[i]));
            }
            points.add(row);
        }
        Map<String, Object> totals = new LinkedHashMap<>();
        Throughput.PLOTTED.forEach(m -> totals.put(m.prometheusName(), throughput.totals().getOrDefault(m, 0.0)));
        return Map.of("series", Throughput.PLOTTED.stream().map(PipelineMetric::prometheusName).toList(),
                "points", points, "totals", totals);
    }

    private Map<String, Object> pending() {
        Throughput.Pending pending = throughput.pending();
        List<Object> classes = new ArrayList<>();
        pending.byClass().entrySet().stream()
                .sorted((a, b) -> classOrder(a.getKey(), b.getKey()))
                .forEach(e -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("class", e.getKey());
                    row.put("pending", e.getValue());
                    row.put("oldestAgeSeconds", round(pending.oldestAgeSeconds().getOrDefault(e.getKey(), 0.0)));
                    classes.add(row);
                });
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("at", pending.atMillis() < 0 ? null : seconds(pending.atMillis()));
        shown.put("classes", classes);
        return shown;
    }

    private List<Object> timeline() {
        List<Object> entries = new ArrayList<>();
        if (faults == null) {
            return entries;
        }
        for (FaultLog.Entry entry : faults.entries()) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("id", entry.id());
            shown.put("kind", entry.kind().name());
            shown.put("what", entry.what());
            shown.put("start", seconds(entry.startMillis()));
            shown.put("end", entry.open() ? null : seconds(entry.endMillis()));
            entries.add(shown);
        }
        return entries;
    }

    private Map<String, Object> ledger() {
        VerifyReport report = ledger.report();
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("balanced", ledger.balanced());
        shown.put("sum", ledger.sum());
        shown.put("raw", report.raw());
        shown.put("pairs", report.pairs());
        shown.put("deadLetters", report.deadLetters());
        shown.put("unpaired", report.unpaired());
        shown.put("pending", report.pending());
        shown.put("duplicates", report.violations(Violation.Kind.DUPLICATE));
        Map<String, Object> reasons = new TreeMap<>();
        report.deadLettersByReason().forEach((reason, n) -> reasons.put(reason.name(), n));
        shown.put("deadLettersByReason", reasons);
        Map<String, Object> pendingByClass = new TreeMap<>(ConsoleState::classOrder);
        report.pendingByClass().forEach((c, n) -> pendingByClass.put(Integer.toString(c), n));
        shown.put("pendingByClass", pendingByClass);
        shown.put("text", ledger.text());
        return shown;
    }

    private Map<String, Object> event(SourceEvent event) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("value", event.getValue());
        shown.put("source", "p" + event.getPartition() + "@" + event.getOffset());
        shown.put("sequence", event.getSequence());
        shown.put("at", seconds(event.getTimestamp()));
        return shown;
    }

    private static void keep(Deque<Map<String, Object>> recent, Map<String, Object> shown) {
        recent.addFirst(shown);
        while (recent.size() > RECENT) {
            recent.removeLast();
        }
    }

    /** Classes are numbers: 2 before 10. */
    private static int classOrder(String a, String b) {
        try {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    private double seconds(long millis) {
        return round((millis - originMillis) / 1000.0);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
