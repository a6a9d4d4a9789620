package dev.pairing.verify;

import dev.pairing.core.matching.PendingLimits;
import dev.pairing.flags.FlagSet;
import dev.pairing.flags.KafkaClientProperties;
import dev.pairing.schemas.registry.RegistrySettings;
import dev.pairing.schemas.registry.RegistryUnavailableException;
import dev.pairing.flags.ParsedFlags;
import dev.pairing.flags.UsageException;
import java.io.PrintStream;
import java.util.Properties;

/**
 * {@code verify}: reads a pipeline's topics (read_committed) and checks the ledger. Exit 0 when
 * everything holds, 1 when something does not (or verify could not finish), 2 for a bad command line.
 */
public final class VerifyCli {

    static final FlagSet FLAGS = new FlagSet("verify",
            "Checks that every raw record is accounted for exactly once: a pair member, a dead letter, an unpaired\n"
                    + "record, or pending. Run it once the pipeline has caught up with its input.")
            .kafkaClient("localhost:9092")
            .option("rawTopic", "raw-topic", "the raw input topic")
            .option("enrichedTopic", "enriched-topic", "the pairs topic")
            .option("DLQ", "raw-events-dlq", "the dead-letter topic")
            .option("unpairedTopic", "unpaired-topic", "the unpaired topic, or none")
            .option("pairSum", "12", "the runner's pairSum")
            .option("maxPendingPerClass", String.valueOf(PendingLimits.DEFAULT_MAX_PENDING_PER_CLASS),
                    "the runner's bound on pending numbers per class (to recompute evictions)")
            .option("pendingTtl", "0", "the runner's pending TTL, e.g. 10m (0 = none)")
            .option("maxRecords", String.valueOf(VerifyConfig.DEFAULT_MAX_RECORDS),
                    "stop when the topics need more heap than this many raw records (" + HeapBudget.BYTES_PER_RECORD
                            + " bytes each, plus 8 to 16 a number waiting in the replay)");

    private VerifyCli() {}

    public static void main(String[] args) {
        ParsedFlags flags = FLAGS.parseOrExit(args);
        VerifyConfig config;
        Properties client;
        try {
            config = config(flags);
            client = KafkaClientProperties.from(flags);
        } catch (UsageException e) {
            FLAGS.exitWithUsage(e);
            return;
        }
        System.exit(run(config, client, System.out, System.err));
    }

    /** Runs the check and prints the report; returns the exit code. */
    public static int run(VerifyConfig given, Properties client, PrintStream out, PrintStream err) {
        try {
            VerifyConfig config = given.registry() != null ? given
                    : given.withRegistry(RegistrySettings.from(client).orElse(null));
            VerifyReport report = new LedgerCheck(config, new KafkaRecordSource(client, new StderrProgress(err))).run();
            report.print(out, config);
            return report.ok() ? 0 : 1;
        } catch (VerifyException | RegistryUnavailableException e) {
            err.println("verify: " + e.getMessage());
            return 1;
        }
    }

    static VerifyConfig config(ParsedFlags flags) throws UsageException {
        String unpaired = flags.string("unpairedTopic");
        long ttl = flags.duration("pendingTtl").toMillis();
        PendingLimits limits;
        try {
            limits = new PendingLimits(flags.longValue("maxPendingPerClass", 1, Long.MAX_VALUE), ttl);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new VerifyConfig(flags.intValue("pairSum", 0, Integer.MAX_VALUE - 1), flags.string("rawTopic"),
                flags.string("enrichedTopic"), flags.string("DLQ"), "none".equalsIgnoreCase(unpaired) ? null : unpaired,
                limits, flags.longValue("maxRecords", 1, Long.MAX_VALUE));
    }

    /** A progress line at most every two seconds while a topic is read. */
    private static final class StderrProgress implements KafkaRecordSource.Progress {
        private final PrintStream err;
        private long last = System.nanoTime();

        StderrProgress(PrintStream err) {
            this.err = err;
        }

        @Override
        public void tick(String topic, long read) {
            if (System.nanoTime() - last > 2_000_000_000L) {
                last = System.nanoTime();
                err.printf("verify: reading %s ... %,d records%n", topic, read);
            }
        }

        @Override
        public void done(String topic, long total) {
            err.printf("verify: read %s: %,d records%n", topic, total);
        }
    }
}
