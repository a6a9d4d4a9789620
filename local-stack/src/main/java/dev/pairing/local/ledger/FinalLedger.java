package dev.pairing.local.ledger;

import dev.pairing.core.matching.PendingLimits;
import dev.pairing.kafka.topics.PipelineTopics;
import dev.pairing.schemas.registry.RegistrySettings;
import dev.pairing.verify.KafkaRecordSource;
import dev.pairing.verify.LedgerCheck;
import dev.pairing.verify.VerifyConfig;
import dev.pairing.verify.VerifyReport;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Properties;

/**
 * The demo's last word: {@code verify}'s check of the four topics (every raw record in exactly one
 * place, pairs recomputed with pairing-core for class-keyed input), and the ledger's sum in one line.
 */
public final class FinalLedger {

    private FinalLedger() {}

    /** Prints the report; true when every raw record is accounted for exactly once. */
    public static boolean print(Properties client, PipelineTopics topics, int pairSum, PrintStream out) {
        VerifyConfig config = new VerifyConfig(pairSum, topics.raw(), topics.enriched(), topics.deadLetters(),
                topics.unpaired(), PendingLimits.DEFAULT, VerifyConfig.DEFAULT_MAX_RECORDS)
                .withRegistry(RegistrySettings.from(client).orElse(null));
        VerifyReport report = new LedgerCheck(config, new KafkaRecordSource(client, KafkaRecordSource.Progress.SILENT))
                .run();
        out.println("final ledger:");
        report.print(out, config);
        out.println(sum(report));
        return report.ok();
    }

    static String sum(VerifyReport report) {
        long accounted = 2 * report.pairs() + report.deadLetters() + report.unpaired() + report.pending();
        return String.format(Locale.ROOT, "%s: %d raw = 2 x %d pairs + %d dead letters + %d unpaired + %d pending",
                report.ok() && accounted == report.raw() ? "balanced" : "NOT balanced", report.raw(), report.pairs(),
                report.deadLetters(), report.unpaired(), report.pending());
    }
}
