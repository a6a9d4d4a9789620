package dev.pairing.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.flink.JobFlags;
import dev.pairing.launcher.LocalBuild;
import dev.pairing.local.PackagedCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command the usage lists, through the packaged entry point in its own JVM as {@code ./pairing}
 * runs it: each answers {@code --help} with its own usage, whether it runs in that JVM or from a jar
 * of its own, and {@code flink --help} lists every flag of the job.
 */
class EveryCommandIT {

    @TempDir
    Path dir;

    @Test
    void everyListedCommandAnswersHelpWithItsOwnUsage() throws Exception {
        for (PairingCommand.Command command : PairingCommand.COMMANDS) {
            PackagedCommand help = PackagedCommand.start(dir.resolve(command.name() + ".txt"),
                    List.of(command.name(), "--help"));
            assertThat(help.awaitExit(Duration.ofMinutes(1))).as(command.name() + ":\n" + help.output()).isZero();
            assertThat(help.output()).as(command.name()).contains("Usage: ").contains("--help")
                    .doesNotContain("unknown command").doesNotContain("Exception");
        }
    }

    @Test
    void flinkHelpListsEveryFlagOfTheJob() throws Exception {
        PackagedCommand help = PackagedCommand.start(dir.resolve("flink.txt"), List.of("flink", "--help"));

        assertThat(help.awaitExit(Duration.ofMinutes(1))).as(help.output()).isZero();
        assertThat(help.output()).contains("Usage: pairing flink", "--jobmanager");
        for (String name : JobFlags.declare().names()) {
            assertThat(help.output()).containsPattern("(?m)^  --" + name + " ");
        }
    }

    /**
     * The command reference shows each command's {@code --help} as it is, between
     * {@code <!-- flags: NAME -->} and {@code <!-- /flags -->}, once in all of docs/; {@code flink-job}
     * is the job's own usage under {@code flink run}. With {@code -Ddocs.regenerate=true} the blocks are
     * written from the commands instead.
     */
    @Test
    void theDocsShowEachCommandsHelpAsTheCommandPrintsIt() throws Exception {
        Map<String, String> helps = new TreeMap<>();
        for (PairingCommand.Command command : PairingCommand.COMMANDS) {
            PackagedCommand help = PackagedCommand.start(dir.resolve(command.name() + "-doc.txt"),
                    List.of(command.name(), "--help"));
            assertThat(help.awaitExit(Duration.ofMinutes(1))).as(command.name()).isZero();
            helps.put(command.name(), help.output().strip());
        }
        ByteArrayOutputStream job = new ByteArrayOutputStream();
        JobFlags.declare().printUsage(new PrintStream(job, true, StandardCharsets.UTF_8));
        helps.put("flink-job", job.toString(StandardCharsets.UTF_8).strip());

        boolean regenerate = Boolean.getBoolean("docs.regenerate");
        Map<String, Path> shownIn = new TreeMap<>();
        Path docs = LocalBuild.locate().home().resolve("docs");
        try (Stream<Path> pages = Files.walk(docs)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).toList()) {
                String text = Files.readString(page);
                Matcher block = FLAGS_BLOCK.matcher(text);
                StringBuilder rewritten = new StringBuilder();
                while (block.find()) {
                    String name = block.group(1);
                    assertThat(helps).as("a flags block for a command that does not exist in " + page).containsKey(name);
                    assertThat(shownIn.put(name, page)).as("the flags of " + name + " are shown once in docs/").isNull();
                    if (!regenerate) {
                        assertThat(block.group(2).strip()).as(name + "'s --help in " + docs.relativize(page)
                                + " (regenerate with -Ddocs.regenerate=true)").isEqualTo(helps.get(name));
                    }
                    block.appendReplacement(rewritten, Matcher.quoteReplacement("<!-- flags: " + name + " -->\n```\n"
                            + helps.get(name) + "\n```\n<!-- /flags -->"));
                }
                block.appendTail(rewritten);
                if (regenerate) {
                    Files.writeString(page, rewritten.toString());
                }
            }
        }
        assertThat(shownIn.keySet()).as("every command's flags are in the docs").isEqualTo(helps.keySet());
    }

    private static final Pattern FLAGS_BLOCK =
            Pattern.compile("<!-- flags: ([\\w-]+) -->\\n```\\n(.*?)```\\n<!-- /flags -->", Pattern.DOTALL);
}
