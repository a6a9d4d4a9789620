package dev.pairing.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.verify.KafkaRecordSource;
import dev.pairing.verify.LedgerCheck;
import dev.pairing.verify.VerifyReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** verify's ledger check on a pipeline's topics, its report logged, and what a drill must end with. */
final class Verification {

    private static final Logger LOG = LoggerFactory.getLogger(Verification.class);

    private Verification() {}

    static VerifyReport run(Properties client, Pipeline pipeline) {
        VerifyReport report = new LedgerCheck(pipeline.verifyConfig(),
                new KafkaRecordSource(client, KafkaRecordSource.Progress.SILENT)).run();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        report.print(new PrintStream(printed, true, StandardCharsets.UTF_8), pipeline.verifyConfig());
        LOG.info("verify {}:\n{}", pipeline.group(), printed.toString(StandardCharsets.UTF_8));
        return report;
    }

    /**
     * verify passes, with the exact record-by-record comparison against pairing-core (class-keyed
     * input), and every raw record is accounted for with the expected outcome counts.
     */
    static void assertExact(Properties client, Pipeline pipeline, Expected expected) {
        VerifyReport report = run(client, pipeline);
        // the open transactions are looked up only when the assertion fails
        assertThat(report.shownViolations()).as(() -> "verify's violations for " + pipeline.group() + " ("
                + OpenTransactions.describe(client, pipeline) + ")").isEmpty();
        assertThat(report.ok()).as("verify OK").isTrue();
        assertThat(report.classKeyed()).as("verify compared pair by pair (class-keyed input)").isTrue();
        assertThat(report.raw()).as("raw records").isEqualTo(expected.raw());
        assertThat(report.pairs()).as("pairs").isEqualTo(expected.pairs());
        assertThat(report.deadLetters()).as("dead letters").isEqualTo(expected.deadLetters());
        assertThat(report.unpaired()).as("unpaired").isEqualTo(expected.unpaired());
    }
}
