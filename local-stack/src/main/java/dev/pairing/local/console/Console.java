package dev.pairing.local.console;

import dev.pairing.flags.UsageException;
import dev.pairing.local.chaos.FaultLog;
import dev.pairing.local.ledger.FinalLedger;
import dev.pairing.local.view.LiveView;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The live web console: a page on loopback that shows a run as it goes. Records, pairs and dead
 * letters per second and pending per class come from the runners' Prometheus endpoints, read once a
 * second; recent pairs and dead letters, and the counts, from the {@link LiveView} the caller polls
 * (the console is its {@link #watcher()}); faults and outages from the demo's {@link FaultLog}; at
 * the end, verify's ledger. {@code pairing demo} starts one; {@code pairing console} runs one
 * against any cluster.
 */
public final class Console implements AutoCloseable {

    private static final Duration SCRAPE_EVERY = Duration.ofSeconds(1);

    private final ConsoleState state;
    private final ConsoleServer server;
    private final ScheduledExecutorService scraper;
    private final ScheduledExecutorService ledgerChecks;
    /** Held by a round of scrapes while it reads and records. */
    private final Object rounds;

    private Console(ConsoleState state, ConsoleServer server, ScheduledExecutorService scraper,
            ScheduledExecutorService ledgerChecks, Object rounds) {
        this.state = state;
        this.server = server;
        this.scraper = scraper;
        this.ledgerChecks = ledgerChecks;
        this.rounds = rounds;
    }

    /**
     * Starts serving the page and reading the endpoints.
     *
     * @param port    the port on 127.0.0.1; 0 for a free one
     * @param title   what the page's heading says the run is
     * @param metrics the Prometheus endpoints to read
     * @param faults  the demo's record of faults and outages, or null
     * @param ledger  the check a button on the page runs (the standalone console), or null: the
     *                demo gives its ledger at the end instead
     * @throws java.io.UncheckedIOException when the port cannot be bound
     */
    public static Console start(int port, String title, List<URI> metrics, FaultLog faults,
            Supplier<FinalLedger.Result> ledger) {
        ConsoleState state = new ConsoleState(title, faults, ledger != null);
        ScheduledExecutorService ledgerChecks = ledger == null ? null : daemon("console-ledger");
        Runnable onRequest = ledger == null ? null : ledgerOnRequest(state, ledger, ledgerChecks);
        ConsoleServer server = ConsoleServer.start(port, state::served, onRequest);
        MetricsEndpoints endpoints = new MetricsEndpoints(metrics);
        ScheduledExecutorService scraper = daemon("console-metrics");
        Object rounds = new Object();
        scraper.scheduleWithFixedDelay(() -> {
            synchronized (rounds) {
                // a stopping runner's endpoint has lost its pending gauges; a stopped one's says it is gone
                if (state.phase().compareTo(ConsoleState.Phase.CHECKING) < 0) {
                    state.scraped(System.currentTimeMillis(), endpoints.round(), endpoints.status());
                }
            }
        }, 0, SCRAPE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return new Console(state, server, scraper, ledgerChecks, rounds);
    }

    /**
     * The endpoints a {@code --metrics} value names: a URL as it is, or {@code host:port} and
     * {@code host:first-last} as {@code http://host:port/metrics} for each port (both engines serve
     * that path).
     *
     * @throws UsageException for anything else
     */
    public static List<URI> endpoints(String value) throws UsageException {
        return MetricsEndpoints.parse(value);
    }

    /**
     * The endpoints of processes on this machine that serve metrics on {@code first..last}: the
     * Streams runner's one port, or the range Flink's reporter takes its ports from.
     */
    public static List<URI> loopbackEndpoints(int first, int last) {
        return MetricsEndpoints.on("127.0.0.1", first, last);
    }

    private static Runnable ledgerOnRequest(ConsoleState state, Supplier<FinalLedger.Result> ledger,
            ScheduledExecutorService checks) {
        AtomicBoolean checking = new AtomicBoolean();
        return () -> {
            if (!checking.compareAndSet(false, true)) {
                return;
            }
            state.ledgerProgress("checking");
            checks.execute(() -> {
                try {
                    state.ledger(ledger.get());
                } catch (RuntimeException e) {
                    state.ledgerProgress("the check failed: " + e.getMessage());
                } finally {
                    checking.set(false);
                }
            });
        };
    }

    private static ScheduledExecutorService daemon(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Where the page is. */
    public URI url() {
        return server.url();
    }

    /** What the caller's {@link LiveView} tells the page: give it to {@link LiveView#watch}. */
    public LiveView.Watcher watcher() {
        return state;
    }

    /** When the run's clock starts (epoch ms): the page's times count from it. */
    public void origin(long millis) {
        state.origin(millis);
    }

    /** The status line: what is starting. */
    public void starting(String what) {
        state.phase(ConsoleState.Phase.STARTING, what);
    }

    public void running(String what) {
        state.phase(ConsoleState.Phase.RUNNING, what);
    }

    /** The producer has stopped; the runner is catching up. */
    public void catchingUp() {
        state.phase(ConsoleState.Phase.CATCHING_UP, "the producer stopped; waiting for the runner to catch up");
    }

    /**
     * The runner has caught up and stops; verify checks the topics. Its endpoints are no longer
     * read, so the page keeps the last figures of the runner at work.
     */
    public void checking() {
        // after a round under way: what it read is of the runner at work
        synchronized (rounds) {
            state.phase(ConsoleState.Phase.CHECKING, "the runner caught up and stops; verify checks the topics");
        }
    }

    /**
     * The end, with the ledger: waits up to {@code forPages} until every open page has read it, so
     * that the page still shows it once the demo has stopped.
     */
    public void finished(FinalLedger.Result ledger, Duration forPages) {
        state.ledger(ledger);
        state.phase(ConsoleState.Phase.FINISHED, ledger.sum());
        server.awaitPagesHaveTheEnd(forPages);
    }

    /** The end without a ledger: what failed. */
    public void failed(String why, Duration forPages) {
        state.phase(ConsoleState.Phase.FAILED, why);
        server.awaitPagesHaveTheEnd(forPages);
    }

    @Override
    public void close() {
        scraper.shutdownNow();
        if (ledgerChecks != null) {
            ledgerChecks.shutdownNow();
        }
        server.close();
    }
}
