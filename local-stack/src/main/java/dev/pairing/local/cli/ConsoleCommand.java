package dev.pairing.local.cli;

import dev.pairing.flags.FlagSet;
import dev.pairing.flags.KafkaClientProperties;
import dev.pairing.local.console.Console;
import dev.pairing.local.ledger.FinalLedger;
import dev.pairing.local.view.LiveView;
import dev.pairing.runtime.PipelineFlags;
import dev.pairing.runtime.PipelineSpec;
import dev.pairing.verify.VerifyConfig;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code pairing console}: the demo's web console against any running pipeline. It reads the
 * pipeline's topics (read_committed) as the demo's live view does, the runner's group position in
 * the raw topic, and the Prometheus endpoints it is given; the page's button runs verify's ledger.
 */
final class ConsoleCommand {

    private static final Duration COUNTS_EVERY = Duration.ofSeconds(2);

    private ConsoleCommand() {}

    static FlagSet flags() {
        return new FlagSet("pairing console",
                "Serves a live web console of a running pipeline on 127.0.0.1: throughput and pending from the runners'\n"
                        + "metrics endpoints, recent pairs and dead letters from the topics, and verify's ledger on request.\n"
                        + "Ctrl-C stops it.")
                .option("port", "8090", "the console's port on 127.0.0.1; 0 = a free one (printed)")
                .repeatable("metrics", "a Prometheus endpoint to read (repeatable): a URL, host:port, or host:first-last "
                        + "for a range (Flink's reporter on the JobManager and TaskManagers), e.g. 127.0.0.1:9400, "
                        + "127.0.0.1:9249-9259")
                .add(PipelineFlags.PAIR_SUM)
                .kafkaClient(PipelineFlags.DEFAULT_BOOTSTRAP_SERVERS)
                .add(PipelineFlags.RAW_TOPIC, PipelineFlags.GROUP_ID.withHelp("the runner's consumer group: its "
                                + "committed position in the raw topic is how far the runner has come"),
                        PipelineFlags.ENRICHED_TOPIC, PipelineFlags.DLQ, PipelineFlags.UNPAIRED_TOPIC,
                        PipelineFlags.MAX_PENDING_PER_CLASS, PipelineFlags.PENDING_TTL);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Usage.withFlags(flags(), args, out, err, flags -> {
            PipelineSpec spec = PipelineFlags.spec(flags);
            Properties client = KafkaClientProperties.from(flags);
            List<URI> metrics = new ArrayList<>();
            for (String value : flags.strings("metrics")) {
                metrics.addAll(Console.endpoints(value));
            }
            int port = flags.intValue("port", 0, 65535);
            return watch(spec, client, metrics, port, out);
        });
    }

    private static int watch(PipelineSpec spec, Properties client, List<URI> metrics, int port, PrintStream out) {
        AtomicBoolean stop = new AtomicBoolean();
        Thread hook = new Thread(() -> stop.set(true), "console-shutdown");
        VerifyConfig ledger = VerifyConfig.of(spec);
        try (Console console = Console.start(port, spec.rawTopic() + " on " + spec.bootstrapServers() + ", group "
                + spec.groupId(), metrics, null, () -> FinalLedger.take(ledger, client, false))) {
            Runtime.getRuntime().addShutdownHook(hook);
            long since = System.currentTimeMillis();
            console.origin(since);
            out.println("console: " + console.url() + "  (Ctrl-C stops it)");
            if (metrics.isEmpty()) {
                out.println("no --metrics endpoint given: the page shows no throughput and no pending per class");
            }
            // the terminal stays quiet: what the view reads goes to the page only
            try (LiveView view = new LiveView(client, spec.topics(), spec.groupId(),
                    new PrintStream(OutputStream.nullOutputStream()), 0, since)) {
                view.watch(console.watcher());
                console.running("watching " + String.join(", ", spec.topics().all()));
                long nextCounts = System.nanoTime();
                while (!stop.get()) {
                    view.poll(Duration.ofMillis(200));
                    if (System.nanoTime() - nextCounts >= 0) {
                        nextCounts += COUNTS_EVERY.toNanos();
                        view.printCounts(Duration.ofMillis(System.currentTimeMillis() - since));
                    }
                }
            }
        }
        out.flush();
        return Foreground.removeHook(hook) ? 0 : -1;
    }
}
