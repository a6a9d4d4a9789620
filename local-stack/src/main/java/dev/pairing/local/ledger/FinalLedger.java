package dev.pairing.local.ledger;

import dev.pairing.kafka.topics.PipelineTopics;
import dev.pairing.runtime.PipelineSpec;
import dev.pairing.schemas.registry.RegistrySettings;
import dev.pairing.verify.KafkaRecordSource;
import dev.pairing.verify.LedgerCheck;
import dev.pairing.verify.VerifyConfig;
import dev.pairing.verify.VerifyReport;
import dev.pairing.verify.Violation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * The demo's last word: {@code verify}'s check of the four topics (every raw record in exactly one
 * place, pairs recomputed with pairing-core for class-keyed input), and the ledger's sum in one line.
 */
public final class FinalLedger {

    /**
     * What at-least-once may do after a crash: account for a raw record again (a pair written twice),
     * and so differ from the pairs pairing-core computes. Anything else, a loss above all, still fails.
     */
    static final Set<Violation.Kind> AT_LEAST_ONCE_ALLOWS = Set.of(Violation.Kind.DUPLICATE, Violation.Kind.ORACLE_MISMATCH);

    private FinalLedger() {}

    /** Prints the report; true when every raw record is accounted for exactly once. */
    public static boolean print(Properties client, PipelineTopics topics, int pairSum, PrintStream out) {
        return print(client, topics, pairSum, false, out);
    }

    /**
     * What the check found: verify's report, whether the ledger balances, its sum in one line, and
     * the text the demo prints.
     */
    public record Result(VerifyReport report, boolean balanced, String sum, String text) {}

    /**
     * Prints the report; true when every raw record is accounted for exactly once or, for
     * {@code atLeastOnce}, at least once: its duplicates are counted and shown, not a failure.
     */
    public static boolean print(Properties client, PipelineTopics topics, int pairSum, boolean atLeastOnce,
            PrintStream out) {
        Result result = take(client, topics, pairSum, atLeastOnce);
        out.print(result.text());
        return result.balanced();
    }

    /** Runs the check; {@link #print} prints what this returns. */
    public static Result take(Properties client, PipelineTopics topics, int pairSum, boolean atLeastOnce) {
        return take(VerifyConfig.of(PipelineSpec.builder().pairSum(pairSum).topics(topics)
                .registry(RegistrySettings.from(client).orElse(null)).kafkaProperties(client).build()), client, atLeastOnce);
    }

    /** Runs the check of a pipeline as {@code config} describes it (topics, pairSum, limits). */
    public static Result take(VerifyConfig config, Properties client, boolean atLeastOnce) {
        VerifyReport report = new LedgerCheck(config, new KafkaRecordSource(client, KafkaRecordSource.Progress.SILENT))
                .run();
        Set<Violation.Kind> allowed = atLeastOnce ? AT_LEAST_ONCE_ALLOWS : Set.of();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
        out.println("final ledger:");
        report.print(out, config, allowed, "at-least-once");
        String sum = sum(report, allowed);
        out.println(sum);
        return new Result(report, report.okExcept(allowed), sum, text.toString(StandardCharsets.UTF_8));
    }

    static String sum(VerifyReport report, Set<Violation.Kind> allowed) {
        long duplicates = report.violations(Violation.Kind.DUPLICATE);
        long accounted = 2 * report.pairs() + report.deadLetters() + report.unpaired() + report.pending();
        boolean balanced = report.okExcept(allowed) && accounted == report.raw() + duplicates;
        String verdict = !balanced ? "NOT balanced" : duplicates == 0 ? "balanced" : "balanced with duplicates";
        return String.format(Locale.ROOT, "%s: %d raw%s = 2 x %d pairs + %d dead letters + %d unpaired + %d pending; "
                        + "%d duplicates", verdict, report.raw(), duplicates == 0 ? "" : " + " + duplicates + " duplicates",
                report.pairs(), report.deadLetters(), report.unpaired(), report.pending(), duplicates);
    }
}
