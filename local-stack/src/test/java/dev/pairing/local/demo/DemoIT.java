package dev.pairing.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pairing.kafka.topics.PipelineTopics;
import dev.pairing.launcher.data.DataDir;
import dev.pairing.launcher.flink.FlinkPorts;
import dev.pairing.launcher.process.Ports;
import dev.pairing.local.PackagedCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pairing demo} end to end, as a user runs it: the packaged entry point in its own JVM, a real
 * broker and a real runner, for both engines. Afterwards its topics are read again and must equal
 * what the oracle makes of the same raw records, and no process it started may be left.
 */
class DemoIT {

    /** A guard against a hang: a chaos demo produces for 90 s, after a start that takes minutes on a loaded machine. */
    private static final Duration RUN_LIMIT = Duration.ofMinutes(6);

    // kept when a test fails: the demo's logs (runner, brokers, Flink) say why
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    /**
     * A Flink demo that ends abnormally (here the demo is SIGKILLed, its children stop as orphans)
     * leaves a retained checkpoint; the next demo must go on from it (the choice of the newest snapshot
     * is {@code RetainedSnapshotsTest}'s), writing nothing again. {@code DemoConsoleIT}'s Flink chaos demo
     * covers the clean stop with a savepoint, the Streams at-least-once demo Ctrl-C.
     */
    @Test
    void flinkResumesFromItsCheckpointAfterAnAbnormalEnd() throws Exception {
        Duration limit = RUN_LIMIT.multipliedBy(2);
        Demo killed = Demo.start(dataDir, "--engine", "flink");
        killed.command.awaitOutput("is RUNNING", limit);
        assertThat(killed.output()).contains("dashboard: http://localhost:" + killed.flinkPorts.rest());
        int shown = killed.output().length();
        // a pair shown after the job runs was committed by a checkpoint of this job, which the cluster retains
        await().atMost(limit).until(() -> killed.output().substring(shown).contains("\npair "));
        killed.command.kill();
        killed.command.awaitNothingLeft(Duration.ofMinutes(2));

        Demo resumed = Demo.start(dataDir, "--engine", "flink", "--duration", "8s");
        assertThat(resumed.command.awaitExit(limit)).as(resumed.output()).isZero();
        assertThat(resumed.output()).containsPattern("resuming from \\S*/chk-\\d+ ");
        assertPairsShownAndLedgerBalanced(resumed);
        assertThat(resumed.output()).doesNotContain("DUPLICATE");
        resumed.assertNothingLeft();
    }

    /**
     * What the terminal of a {@code demo --chaos} run shows: the plan, its three kills (two of {@code
     * engineVictim}, one of a broker), the freeze of {@code engineVictim} and the cut of the engine,
     * each ended by a committed pair, verify's exact ledger with no duplicate; and no process left.
     * The chaos demos themselves are {@code DemoConsoleIT}'s, one per engine, with the web console.
     */
    static void assertSurvivedTheChaos(Demo demo, String engineVictim) {
        String output = demo.output();
        String engine = engineVictim.equals("the Streams runner") ? engineVictim : "the Flink job";
        assertThat(output).as(output).contains("chaos plan (seed 42")
                .contains("chaos: 3 kills, 1 freeze and 1 cut as planned (seed 42)\n")
                .contains("RESULT: OK, every raw record is accounted for exactly once")
                .containsPattern("\nbalanced: \\d+ raw = 2 x [1-9]\\d* pairs .*; 0 duplicates\n");
        assertThat(lines(output, "\\[chaos] \\d+\\.\\d s: SIGKILL " + engineVictim + " .*")).as(output).hasSize(2);
        assertThat(lines(output, "\\[chaos] \\d+\\.\\d s: SIGKILL broker node \\d .*")).as(output).hasSize(1);
        assertThat(lines(output, "\\[chaos] \\d+\\.\\d s: SIGSTOP " + engineVictim + " .* for 12 s.*")).as(output)
                .hasSize(1);
        assertThat(lines(output, "\\[chaos] \\d+\\.\\d s: SIGCONT " + engineVictim + " .*")).as(output).hasSize(1);
        assertThat(lines(output, "\\[chaos] \\d+\\.\\d s: cut " + engine + " off from the brokers for 12 s.*"))
                .as(output).hasSize(1);
        assertThat(lines(output, "\\[chaos] \\d+\\.\\d s: the link of " + engine + " to the brokers heals"))
                .as(output).hasSize(1);
        assertThat(output).containsPattern("\\[supervisor] broker node \\d \\(pid \\d+\\) answers again");
        // every death, the freeze and the cut ended by a committed pair, each listed with its outage;
        // no kill follows the freeze or the cut, so the engine recovered from them by itself
        assertThat(lines(output, "\\[recovered] pairs are committed again .*")).as(output).hasSize(5);
        assertThat(lines(output, "\\[recovered] pairs are committed again \\d+\\.\\d s after " + engineVictim
                + " .*frozen")).as(output).hasSize(1);
        assertThat(lines(output, "\\[recovered] pairs are committed again \\d+\\.\\d s after " + engine
                + " cut off from the brokers")).as(output).hasSize(1);
        // a lasting fault held back for a recovery says so, once
        assertThat(lines(output, "\\[chaos] \\d+\\.\\d s: holding back .*")).as(output).hasSizeLessThanOrEqualTo(2);
        assertThat(output).doesNotContain("no pair of a later number committed before the end")
                .doesNotContain("early: the demo is stopping");
        demo.assertNothingLeft();
    }

    private static List<String> lines(String output, String pattern) {
        return output.lines().filter(line -> line.matches(pattern)).toList();
    }

    /**
     * At-least-once under a crash by hand: {@code pairing kill runner} from a second terminal while a
     * demo runs, then Ctrl-C. The demo restarts the runner; the replay since its last commit writes
     * some pairs again, and the ledger counts them as duplicates, with nothing lost, instead of failing.
     */
    @Test
    void atLeastOnceShowsTheDuplicatesAKillByHandLeaves() throws Exception {
        Demo demo = Demo.start(dataDir, "--engine", "streams", "--guarantee", "at_least_once");
        demo.command.awaitOutput("\npair ", RUN_LIMIT);

        PackagedCommand kill = PackagedCommand.start(dataDir.resolve("kill-output.txt"),
                List.of("kill", "runner", "--dataDir", dataDir.toString()));
        assertThat(kill.awaitExit(RUN_LIMIT)).as(kill.output()).isZero();
        assertThat(kill.output()).containsPattern("SIGKILL pid \\d+: the Streams runner under ");
        demo.command.awaitOutput("[recovered] pairs are committed again", RUN_LIMIT);
        demo.command.interrupt();

        // a JVM that Ctrl-C ended exits 130, as the shell reports it, after the demo's ledger
        assertThat(demo.awaitExit()).as(demo.output()).isEqualTo(130);
        String output = demo.output();
        assertThat(output).containsPattern("\\[supervisor] the Streams runner \\(pid \\d+, status 137, SIGKILL\\) died")
                .contains("ALLOWED BY AT-LEAST-ONCE")
                .containsPattern("RESULT: OK for at-least-once: nothing lost, [1-9]\\d* duplicate accountings")
                .containsPattern("\nbalanced with duplicates: \\d+ raw \\+ [1-9]\\d* duplicates = ");
        demo.assertNothingLeft();

        PackagedCommand noBroker = PackagedCommand.start(dataDir.resolve("kill-broker-output.txt"),
                List.of("kill", "broker", "--dataDir", dataDir.toString()));
        assertThat(noBroker.awaitExit(RUN_LIMIT)).isEqualTo(1);
        assertThat(noBroker.output()).contains("no process of a Kafka broker runs under " + dataDir);
    }

    /**
     * A standalone {@code pairing kafka} keeps its data under the demo's data directory (the defaults
     * {@code .pairing/kafka} and {@code .pairing}): a {@code --fresh} demo that finds its port taken, or
     * a process running on the data it would wipe, must stop before it deletes anything.
     */
    @Test
    void freshChecksPortsAndRunningProcessesBeforeItWipesAnything() throws Exception {
        Path outputs = dataDir.resolve("outputs");
        Path demoData = DataDir.claim(dataDir.resolve("demo-data")); // as an earlier demo left it
        int port = Ports.freePort();
        Path standaloneData = demoData.resolve("streams").resolve("kafka");
        PackagedCommand standalone = PackagedCommand.start(outputs.resolve("kafka.txt"), List.of("kafka",
                "--port", Integer.toString(port), "--controllerPort", Integer.toString(Ports.freePort()),
                "--dataDir", standaloneData.toString()));
        try {
            standalone.awaitOutput("Kafka is up", RUN_LIMIT);

            PackagedCommand samePort = PackagedCommand.start(outputs.resolve("demo-same-port.txt"), List.of("demo",
                    "--fresh", "--engine", "streams", "--dataDir", demoData.toString(),
                    "--port", Integer.toString(port), "--controllerPort", Integer.toString(Ports.freePort()),
                    "--console", "false", "--metricsPorts", Integer.toString(Ports.freePort())));
            assertThat(samePort.awaitExit(RUN_LIMIT)).as(samePort.output()).isEqualTo(1);
            assertThat(samePort.output()).contains("port " + port + " is already in use").doesNotContain("wiped");
            assertStandaloneBrokerIntact(standalone, standaloneData, port);

            PackagedCommand sameData = PackagedCommand.start(outputs.resolve("demo-same-data.txt"), List.of("demo",
                    "--fresh", "--engine", "streams", "--dataDir", demoData.toString(),
                    "--port", Integer.toString(Ports.freePort()), "--controllerPort", Integer.toString(Ports.freePort()),
                    "--console", "false", "--metricsPorts", Integer.toString(Ports.freePort())));
            assertThat(sameData.awaitExit(RUN_LIMIT)).as(sameData.output()).isEqualTo(1);
            assertThat(sameData.output()).contains(demoData.resolve("streams") + " is in use by")
                    .contains("pid " + standalone.pid()).doesNotContain("wiped");
            assertStandaloneBrokerIntact(standalone, standaloneData, port);
        } finally {
            standalone.destroyAll();
        }
    }

    private static void assertStandaloneBrokerIntact(PackagedCommand standalone, Path data, int port) throws Exception {
        assertThat(standalone.isAlive()).as(standalone.output()).isTrue();
        assertThat(data.resolve("data/meta.properties")).exists();
        Properties client = new Properties();
        client.put("bootstrap.servers", "127.0.0.1:" + port);
        try (Admin admin = Admin.create(client)) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsAll(PipelineTopics.DEFAULT.all());
        }
    }

    static void assertPairsShownAndLedgerBalanced(Demo demo) {
        String output = demo.output();
        assertThat(output).contains("first pair").contains("\npair ").contains("final ledger");
        assertThat(output).as(output).contains("RESULT: OK")
                .containsPattern("\nbalanced: \\d+ raw = 2 x [1-9]\\d* pairs \\+");
    }

    /** The packaged demo with its ports free and its data under the test's directory. */
    static final class Demo {

        final PackagedCommand command;
        private final FlinkPorts flinkPorts;

        private Demo(PackagedCommand command, FlinkPorts flinkPorts) {
            this.command = command;
            this.flinkPorts = flinkPorts;
        }

        static Demo start(Path dataDir, String... demoArgs) throws IOException {
            FlinkPorts flinkPorts = FlinkPorts.free();
            List<String> args = new ArrayList<>(List.of("demo",
                    "--dataDir", dataDir.toString(), "--seed", "42", "--rate", "40",
                    "--port", Integer.toString(Ports.freePort()), "--controllerPort", Integer.toString(Ports.freePort()),
                    "--restPort", Integer.toString(flinkPorts.rest()), "--rpcPort", Integer.toString(flinkPorts.rpc())));
            args.addAll(freeConsoleAndMetricsPorts());
            args.addAll(List.of(demoArgs));
            return new Demo(PackagedCommand.start(dataDir.resolve("demo-output.txt"), args), flinkPorts);
        }

        /** With three brokers, as {@code --chaos} needs: consecutive free ports for their clients and controllers. */
        static Demo startCluster(Path dataDir, String... demoArgs) throws IOException {
            FlinkPorts flinkPorts = FlinkPorts.free();
            List<String> args = new ArrayList<>(List.of("demo",
                    "--dataDir", dataDir.toString(), "--seed", "42", "--rate", "40", "--brokers", "3",
                    "--port", Integer.toString(Ports.freeRange(3)), "--controllerPort", Integer.toString(Ports.freeRange(3)),
                    "--restPort", Integer.toString(flinkPorts.rest()), "--rpcPort", Integer.toString(flinkPorts.rpc())));
            args.addAll(freeConsoleAndMetricsPorts());
            args.addAll(List.of(demoArgs));
            return new Demo(PackagedCommand.start(dataDir.resolve("demo-output.txt"), args), flinkPorts);
        }

        /** The web console on a free port, and the runner's metrics on free ones (Flink's reporter takes a range). */
        static List<String> freeConsoleAndMetricsPorts() {
            return List.of("--consolePort", "0",
                    "--metricsPorts", Integer.toString(Ports.freeRange(DemoSettings.FLINK_METRICS_PORTS)));
        }

        String output() {
            return command.output();
        }

        int awaitExit() throws InterruptedException {
            return command.awaitExit(RUN_LIMIT);
        }

        void assertNothingLeft() {
            // the broker and the runner at least; for Flink also the JobManager, TaskManager and clients
            command.assertNothingLeft(2);
        }
    }
}
