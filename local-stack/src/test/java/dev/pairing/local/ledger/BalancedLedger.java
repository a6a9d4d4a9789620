package dev.pairing.local.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.kafka.topics.PipelineTopics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.awaitility.Awaitility;

/**
 * The end of an end-to-end test: {@link FinalLedger}'s check of the topics, taken again until every
 * raw record is accounted for exactly once (the last transactions may still be committing), and then
 * required to hold pairs.
 */
public final class BalancedLedger {

    private BalancedLedger() {}

    /**
     * Awaits an exact ledger of {@code topics} with pairs in it, for {@code patience}.
     *
     * @return the last report, for a test that checks more of it
     */
    public static String await(Properties client, PipelineTopics topics, int pairSum, Duration patience) {
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        Awaitility.await().atMost(patience).pollInterval(Duration.ofSeconds(2)).until(() -> {
            report.reset();
            return FinalLedger.print(client, topics, pairSum, new PrintStream(report, true, StandardCharsets.UTF_8));
        });
        String text = report.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("RESULT: OK").containsPattern("pairs\\s+[1-9]");
        return text;
    }
}
