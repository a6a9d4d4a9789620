package dev.pairing.verify;

import dev.pairing.flags.Flag;
import dev.pairing.flags.FlagSet;
import dev.pairing.flags.ParsedFlags;
import dev.pairing.flags.UsageException;
import dev.pairing.runtime.PipelineFlags;
import dev.pairing.schemas.registry.RegistryUnavailableException;
import java.io.PrintStream;

/**
 * {@code verify}: reads a pipeline's topics (read_committed) and checks the ledger. Exit 0 when
 * everything holds, 1 when something does not (or verify could not finish), 2 for a bad command line.
 */
public final class VerifyCli {

    static final Flag<Long> MAX_RECORDS = Flag.wholeNumber("maxRecords", VerifyConfig.DEFAULT_MAX_RECORDS, 1,
            Long.MAX_VALUE, "stop when the topics need more heap than this many raw records ("
                    + HeapBudget.BYTES_PER_RECORD + " bytes each, plus 8 to 16 a number waiting in the replay)");

    /** The runner's own flags for what verify must know of the pipeline (give it the runner's values). */
    static final FlagSet FLAGS = new FlagSet("verify",
            "Checks that every raw record is accounted for exactly once: a pair member, a dead letter, an unpaired\n"
                    + "record, or pending. Run it once the pipeline has caught up with its input, with the runner's flags.")
            .add(PipelineFlags.PAIR_SUM)
            .kafkaClient(PipelineFlags.DEFAULT_BOOTSTRAP_SERVERS)
            .add(PipelineFlags.RAW_TOPIC, PipelineFlags.ENRICHED_TOPIC, PipelineFlags.DLQ, PipelineFlags.UNPAIRED_TOPIC,
                    PipelineFlags.MAX_PENDING_PER_CLASS, PipelineFlags.PENDING_TTL, MAX_RECORDS);

    private VerifyCli() {}

    public static void main(String[] args) {
        ParsedFlags flags = FLAGS.parseOrExit(args);
        VerifyConfig config;
        try {
            config = config(flags);
        } catch (UsageException e) {
            FLAGS.exitWithUsage(e);
            return;
        }
        System.exit(run(config, System.out, System.err));
    }

    /** Runs the check against the pipeline's cluster and prints the report; returns the exit code. */
    public static int run(VerifyConfig config, PrintStream out, PrintStream err) {
        try {
            VerifyReport report = new LedgerCheck(config,
                    new KafkaRecordSource(config.pipeline().kafkaProperties(), new StderrProgress(err))).run();
            report.print(out, config);
            return report.ok() ? 0 : 1;
        } catch (VerifyException | RegistryUnavailableException e) {
            err.println("verify: " + e.getMessage());
            return 1;
        }
    }

    static VerifyConfig config(ParsedFlags flags) throws UsageException {
        return new VerifyConfig(PipelineFlags.spec(flags), MAX_RECORDS.from(flags));
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
