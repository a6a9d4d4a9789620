package dev.pairing.local.demo;

import dev.pairing.kafka.topics.PipelineTopics;
import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.data.DataDir;
import dev.pairing.launcher.kafka.NodePlacement;
import dev.pairing.launcher.kafka.RunningKafka;
import dev.pairing.launcher.kafka.Topics;
import dev.pairing.launcher.process.Children;
import dev.pairing.launcher.process.DirectoryUsers;
import dev.pairing.launcher.process.Ports;
import dev.pairing.launcher.registry.LocalRegistry;
import dev.pairing.launcher.runner.Runner;
import dev.pairing.local.chaos.FaultLog;
import dev.pairing.local.console.Console;
import dev.pairing.local.ledger.FinalLedger;
import dev.pairing.local.view.LiveView;
import dev.pairing.producer.NumberProducer;
import dev.pairing.producer.ValueSchemaRegistration;
import dev.pairing.schemas.registry.RegistrySettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code pairing demo}: the whole pipeline on this machine. Starts a broker, creates the topics,
 * starts the runner and the producer, shows pairs and dead letters as they are committed, and on
 * Ctrl-C or at the end of the duration stops in the order that loses nothing (producer, then the
 * runner once it has caught up, then the broker) and prints the ledger. Meanwhile a {@link Supervisor}
 * restarts what a signal kills (from {@code pairing kill}, or {@link PlannedFaults} under
 * {@code --chaos}) and measures each outage; both write into the demo's one {@link FaultLog}. A web
 * {@link Console} shows the same as the terminal, from the same sources, and the ledger at the end.
 */
public final class Demo {

    private static final Duration COUNTS_EVERY = Duration.ofSeconds(2);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
    /** Outputs unchanged for this long, with the raw topic fully consumed, means the runner is done. */
    private static final Duration QUIET = Duration.ofSeconds(4);
    /** How long the end waits for open console pages to read the ledger before the server stops. */
    private static final Duration PAGES_READ_THE_END = Duration.ofSeconds(5);

    private enum Phase { STARTING, RUNNING, STOPPING }

    private final LocalBuild build;
    private final DemoSettings settings;
    private final PrintStream out;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final FaultLog faults = new FaultLog();
    private Console console;
    private volatile boolean stopRequested;
    private volatile Phase phase = Phase.STARTING;

    public Demo(LocalBuild build, DemoSettings settings, PrintStream out) {
        this.build = build;
        this.settings = settings;
        this.out = out;
    }

    /**
     * Ctrl-C: during startup everything started so far is stopped at once; while running, the demo
     * winds down in order and prints the ledger, and the JVM waits for it.
     */
    public Thread shutdownHook() {
        return new Thread(() -> {
            stopRequested = true;
            if (phase == Phase.STARTING) {
                Children.stopAll(Duration.ofSeconds(5));
            }
            try {
                finished.await(4, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Children.stopAll(Duration.ofSeconds(5));
        }, "demo-shutdown");
    }

    /** Runs the demo; returns 0 when the ledger balances, 1 on a failure or an unbalanced ledger. */
    public int run() {
        long start = System.nanoTime();
        RunningKafka kafka = null;
        LocalRegistry registry = null;
        Runner runner = null;
        EngineLink link = null;
        try {
            Path dir = settings.engineDir();
            // all checks before --fresh deletes anything: a standalone broker may keep its data in here
            settings.kafka().requirePortsFree();
            if (settings.withRegistry()) {
                LocalRegistry.requirePortFree(settings.registryPort(), "--registryPort");
            }
            if (settings.engine().equals("flink")) {
                settings.flinkPorts().requireFree();
            }
            for (int port = settings.metricsPort(); port <= settings.lastMetricsPort(); port++) {
                Ports.requireFree(port, "the runner's metrics endpoint", "--metricsPorts");
            }
            if (settings.consolePort() != null && settings.consolePort() != 0) {
                Ports.requireFree(settings.consolePort(), "the web console", "--consolePort");
            }
            DirectoryUsers.requireNone(dir);
            DataDir.prepare(settings.dataDir(), dir, settings.fresh());
            if (settings.fresh()) {
                out.println("wiped " + dir);
            }
            if (settings.consolePort() != null) {
                console = Console.start(settings.consolePort(), title(), DemoRunners.metricsEndpoints(settings), faults,
                        null);
                out.println("console: " + console.url() + "  (the web console; --consolePort moves it)");
                console.starting("starting Kafka");
            }
            out.printf("starting Kafka (KRaft, %s) on 127.0.0.1:%d ...%n", settings.kafka().describe(),
                    settings.kafka().port());
            // under --chaos the engine reaches the brokers through a relay that can cut it off
            link = settings.chaos() == null ? null : EngineLink.open(settings.kafka().brokers(), settings.ownPorts());
            // a cluster keeps its data apart from the single broker's: their logs cannot be mixed
            kafka = settings.kafka().start(build,
                    dir.resolve(settings.kafka().brokers() == 1 ? "kafka" : "kafka-" + settings.kafka().brokers()),
                    link == null ? NodePlacement.LOOPBACK : link.placement());
            out.printf(Locale.ROOT, "Kafka ready in %.1f s (log: %s)%n", seconds(start), kafka.logFile());
            Properties client = new Properties();
            client.put("bootstrap.servers", kafka.bootstrapServers());
            Topics.ensure(client, settings.partitions(), PipelineTopics.DEFAULT);
            if (settings.withRegistry()) {
                out.printf("starting the schema registry on 127.0.0.1:%d ...%n", settings.registryPort());
                registry = LocalRegistry.start(build, dir.resolve("registry"), settings.registryPort());
                out.printf(Locale.ROOT, "schema registry ready at %s (log: %s)%n", registry.url(), registry.logFile());
                client.put(RegistrySettings.URL, registry.url());
            }

            status("starting the " + settings.engine() + " runner");
            runner = DemoRunners.start(build, settings, dir, link == null ? kafka.bootstrapServers() : link.bootstrapServers(),
                    registry == null ? null : registry.url(), out);
            out.printf(Locale.ROOT, "%s runner up %.1f s after start%n", settings.engine(), seconds(start));
            if (stopRequested) {
                return stoppedDuringStartup(runner);
            }
            phase = Phase.RUNNING;
            int code = runPipeline(client, kafka, runner, link, start);
            phase = Phase.STOPPING;
            return code;
        } catch (RuntimeException e) {
            if (stopRequested && phase == Phase.STARTING) {
                out.println("stopped during startup");
                return 130;
            }
            out.println("demo failed: " + e.getMessage());
            out.println("(state and logs are in " + settings.engineDir() + "; --fresh starts from scratch)");
            if (console != null) {
                console.failed("demo failed: " + e.getMessage(), PAGES_READ_THE_END);
            }
            return 1;
        } finally {
            if (console != null) {
                console.close();
            }
            if (runner != null) {
                runner.abort();
            }
            if (kafka != null) {
                kafka.stop();
            }
            if (registry != null) {
                registry.stop();
            }
            if (link != null) {
                link.close();
            }
            Children.stopAll(Duration.ofSeconds(10));
            out.flush();
            finished.countDown();
        }
    }

    /** The console's status line, while the demo starts. */
    private void status(String what) {
        if (console != null) {
            console.starting(what);
        }
    }

    /** What the console's heading calls this run. */
    private String title() {
        return settings.engine() + " demo, seed " + settings.seed() + (settings.chaos() == null ? "" : ", --chaos")
                + (settings.atLeastOnce() ? ", at-least-once" : "");
    }

    private int stoppedDuringStartup(Runner runner) {
        runner.abort();
        out.println("stopped during startup");
        return 130;
    }

    private int runPipeline(Properties client, RunningKafka kafka, Runner runner, EngineLink link, long start) {
        NumberProducer.Settings sending = new NumberProducer.Settings(PipelineTopics.DEFAULT.raw(),
                settings.pairSum(), settings.corruptRate(), settings.format(), settings.seed(), settings.rate(), -1,
                settings.duration());
        if (settings.withRegistry()) {
            sending = sending.withSchemaId(ValueSchemaRegistration.register(client, sending.topic(), out));
        }
        NumberProducer producer = new NumberProducer(client, sending);
        AtomicReference<RuntimeException> producerError = new AtomicReference<>();
        Thread sender = new Thread(() -> {
            try {
                producer.run();
            } catch (RuntimeException e) {
                producerError.set(e);
            }
        }, "producer");
        if (settings.chaos() != null) {
            out.println(settings.chaos().describe());
        }
        out.printf("producing %s/s (seed %d), %s; Ctrl-C stops%n",
                settings.rate() == 0 ? "as many as possible" : rate(settings.rate()), settings.seed(),
                settings.duration() == null ? "until Ctrl-C" : "for " + human(settings.duration()));
        long producing = System.nanoTime();
        long producingSince = System.currentTimeMillis();
        sender.start();
        Optional<String> failure = Optional.empty();
        PlannedFaults chaos = settings.chaos() == null ? null
                : new PlannedFaults(settings.chaos(), faults, link, producingSince);
        try (LiveView view = new LiveView(client, PipelineTopics.DEFAULT, settings.groupId(), out,
                settings.linesPerSecond(), producingSince);
                Supervisor supervisor = new Supervisor(kafka, runner, faults, out)) {
            if (console != null) {
                view.watch(console.watcher());
                console.origin(producingSince);
                console.running("producing " + (settings.rate() == 0 ? "as many as possible" : rate(settings.rate()))
                        + " records/s" + (settings.duration() == null ? "" : " for " + human(settings.duration())));
            }
            long nextCounts = System.nanoTime() + COUNTS_EVERY.toNanos();
            boolean firstPair = false;
            while (!stopRequested && sender.isAlive() && failure.isEmpty()) {
                view.poll(Duration.ofMillis(200));
                if (!firstPair && view.newPairs() > 0) {
                    firstPair = true;
                    out.printf(Locale.ROOT, "first pair %.1f s after start%n", seconds(start));
                }
                failure = supervisor.check(view.newestPairEventTime());
                if (chaos != null) {
                    chaos.tick(Duration.ofNanos(System.nanoTime() - producing), kafka, runner, out);
                }
                if (System.nanoTime() - nextCounts >= 0) {
                    nextCounts += COUNTS_EVERY.toNanos();
                    view.printCounts(Duration.ofNanos(System.nanoTime() - producing));
                    runner.note().ifPresent(note -> out.println("   " + note));
                }
            }
            if (chaos != null) {
                chaos.endFaults(Duration.ofNanos(System.nanoTime() - producing), out);
            }
            producer.stop();
            join(sender);
            producer.close();
            out.println("producer stopped: " + summary(producer.progress()));
            if (producerError.get() != null) {
                out.println("the producer failed: " + producerError.get().getMessage());
            }
            if (failure.isEmpty()) {
                if (console != null) {
                    console.catchingUp();
                }
                failure = drain(view, supervisor);
                view.printCounts(Duration.ofNanos(System.nanoTime() - producing));
            }
            if (failure.isPresent()) {
                out.println("STOPPED: " + failure.get());
                if (console != null) {
                    console.failed("STOPPED: " + failure.get(), PAGES_READ_THE_END);
                }
                return 1;
            }
            // the console's last read of the endpoints is of the runner caught up: a stopping runner
            // closes its tasks and their pending gauges go before its endpoint does
            if (console != null) {
                console.checking();
            }
            out.println("stopping the " + settings.engine() + " runner ...");
            out.println(runner.stop());
            FinalLedger.Result ledger = FinalLedger.take(client, PipelineTopics.DEFAULT, settings.pairSum(),
                    settings.atLeastOnce());
            out.print(ledger.text());
            printOutages(supervisor, chaos);
            if (console != null) {
                console.finished(ledger, PAGES_READ_THE_END);
            }
            return ledger.balanced() && producerError.get() == null && producer.progress().failed() == 0 ? 0 : 1;
        }
    }

    private void printOutages(Supervisor supervisor, PlannedFaults chaos) {
        if (chaos != null) {
            out.println(chaos.summary());
        }
        List<Supervisor.Outage> outages = supervisor.outages();
        if (!outages.isEmpty() || !supervisor.unrecovered().isEmpty()) {
            out.println("outages (a death, a freeze or a cut to the first committed pair with a number sent after it began):");
            outages.forEach(o -> out.printf(Locale.ROOT, "   %5.1f s  %s%n", o.seconds(), o.what()));
            supervisor.unrecovered().forEach(what -> out.println("   no pair of a later number committed before the end: " + what));
        }
    }

    /**
     * Waits until the runner has consumed the whole raw topic and its outputs have stopped changing,
     * restarting what dies meanwhile; returns what failed, if anything.
     */
    private Optional<String> drain(LiveView view, Supervisor supervisor) {
        out.println("waiting for the runner to catch up ...");
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        long lastChange = System.nanoTime();
        long lastSeen = view.outputsSeen();
        while (System.nanoTime() < deadline) {
            view.poll(Duration.ofMillis(250));
            Optional<String> failure = supervisor.check(view.newestPairEventTime());
            if (failure.isPresent()) {
                return failure;
            }
            if (view.outputsSeen() != lastSeen) {
                lastSeen = view.outputsSeen();
                lastChange = System.nanoTime();
            }
            LiveView.Counts counts = view.counts();
            boolean caughtUp = counts != null && counts.lag() == 0 && !supervisor.restarting();
            if (caughtUp && System.nanoTime() - lastChange >= QUIET.toNanos()) {
                return Optional.empty();
            }
        }
        out.println("the runner did not catch up within " + DRAIN_TIMEOUT.toSeconds()
                + " s; the ledger counts what it had committed");
        return Optional.empty();
    }

    private static String summary(NumberProducer.Progress progress) {
        return String.format(Locale.ROOT, "sent %d, acked %d, failed %d", progress.sent(), progress.acked(),
                progress.failed());
    }

    private static void join(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static String rate(double perSecond) {
        return perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond);
    }

    private static String human(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
