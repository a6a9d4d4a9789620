package dev.pairing.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.flags.FlagSet;
import dev.pairing.flags.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RunnerCommandTest {

    private final FlagSet flags = PipelineFlags.declareOn(new FlagSet("runner", "a runner"), "g");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(RunnerCommand.Body body, String... args) throws Exception {
        return RunnerCommand.run(flags, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), body);
    }

    @Test
    void helpPrintsTheUsageAndRunsNothing() throws Exception {
        assertThat(run(parsed -> { throw new AssertionError("ran"); }, "--help")).isEqualTo(RunnerCommand.CLEAN);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: runner [flags]").contains("--pairSum");
    }

    @Test
    void aBadCommandLineIsTwoWithTheUsage() throws Exception {
        assertThat(run(parsed -> 0, "--nope", "1")).isEqualTo(RunnerCommand.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("runner: unknown flag --nope").contains("Usage:");
    }

    @Test
    void valuesThatDoNotFitTogetherAreTwoToo() throws Exception {
        assertThat(run(parsed -> { throw new UsageException("--a and --b exclude each other"); }))
                .isEqualTo(RunnerCommand.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("runner: --a and --b exclude each other");
    }

    @Test
    void aPipelineThatCannotStartIsOneWithOneLine() throws Exception {
        assertThat(run(parsed -> { throw new StartupException("missing topics [raw-topic]", null); }))
                .isEqualTo(RunnerCommand.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8).trim()).isEqualTo("runner: cannot start: missing topics [raw-topic]");
    }

    @Test
    void otherwiseTheBodySaysHowItEnded() throws Exception {
        assertThat(run(parsed -> 7)).isEqualTo(7);
    }
}
