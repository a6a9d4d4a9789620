package dev.pairing.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.launcher.LocalBuild;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./pairing}'s one dispatch: what the usage lists is what it runs, and the other way round. */
class PairingCommandTest {

    /** A command's line in the usage: two spaces, the name, the rest. */
    private static final Pattern LISTED = Pattern.compile("(?m)^  (\\S+)");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> jarsRun = new ArrayList<>();

    private int pairing(String... args) {
        out.reset();
        err.reset();
        return PairingCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), (jar, jarArgs) -> {
                    jarsRun.add(jar + " " + String.join(" ", jarArgs));
                    return 0;
                });
    }

    private static List<String> listed() {
        List<String> names = new ArrayList<>();
        Matcher m = LISTED.matcher(PairingCommand.usage());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void everyListedCommandDispatchesToItsOwnHelp() {
        assertThat(listed()).containsExactly("demo", "kill", "kafka", "flink-cluster", "registry", "produce",
                "streams", "flink", "flink-local", "console", "tail", "verify", "bench");
        for (String name : listed()) {
            assertThat(pairing(name, "--help")).as(name + " --help: " + err).isZero();
            assertThat(err.toString(StandardCharsets.UTF_8)).as(name).isEmpty();
        }
        // the packaged jars print their own help
        assertThat(jarsRun).containsExactly("PRODUCER --help", "STREAMS_RUNNER --help", "VERIFY --help",
                "BENCHMARKS --help");
    }

    @Test
    void everyDispatchedCommandIsListed() {
        assertThat(PairingCommand.COMMANDS).extracting(PairingCommand.Command::name)
                .containsExactlyElementsOf(listed());
    }

    @Test
    void anUnknownCommandIsRefusedWithTheUsage() {
        assertThat(pairing("frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("pairing: unknown command 'frobnicate'")
                .contains(PairingCommand.usage());
        assertThat(jarsRun).isEmpty();
    }

    @Test
    void noCommandPrintsTheUsageAndHelpToo() {
        assertThat(pairing()).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(PairingCommand.usage());
        assertThat(pairing("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(PairingCommand.usage());
    }

    @Test
    void aJarCommandGetsItsArgumentsAsGiven() {
        assertThat(pairing("produce", "--rate", "10", "--topic", "raw")).isZero();
        assertThat(jarsRun).containsExactly("PRODUCER --rate 10 --topic raw");
    }

    @Test
    void thePackagedJarsRunAsAUserRunsThem(@TempDir Path home) throws IOException {
        for (String jar : List.of("producer/target/producer.jar", "streams-runner/target/streams-runner.jar",
                "verify/target/verify.jar", "benchmarks/target/benchmarks.jar")) {
            Files.createDirectories(home.resolve(jar).getParent());
            Files.createFile(home.resolve(jar));
        }
        LocalBuild build = new LocalBuild(home);

        assertThat(PackagedJar.STREAMS_RUNNER.command(build, new String[] {"--pairSum", "10"}))
                .endsWith("-jar", home.resolve("streams-runner/target/streams-runner.jar").toString(), "--pairSum", "10");
        assertThat(PackagedJar.PRODUCER.command(build, new String[0]))
                .endsWith("-jar", home.resolve("producer/target/producer.jar").toString());
        assertThat(PackagedJar.VERIFY.command(build, new String[0]))
                .endsWith("-jar", home.resolve("verify/target/verify.jar").toString());
        assertThat(PackagedJar.BENCHMARKS.command(build, new String[] {"--engine", "streams"}))
                .endsWith("-Dpairing.home=" + home, "-cp", home.resolve("benchmarks/target/benchmarks.jar").toString(),
                        "dev.pairing.benchmarks.e2e.BenchCommand", "--engine", "streams");
    }
}
