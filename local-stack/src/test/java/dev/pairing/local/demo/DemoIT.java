package dev.pairing.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pairing.core.PairingOracle;
import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.kafka.CommittedTopicReader;
import dev.pairing.local.DataDir;
import dev.pairing.local.Installation;
import dev.pairing.local.PackagedCommand;
import dev.pairing.kafka.topics.PipelineTopics;
import dev.pairing.local.flink.FlinkPorts;
import dev.pairing.local.kafka.LocalKafka;
import dev.pairing.local.process.Ports;
import dev.pairing.schemas.codec.OutputCodec;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.schemas.deadletter.DeadLetterHeaders;
import dev.pairing.verify.KafkaRecordSource;
import dev.pairing.verify.LedgerCheck;
import dev.pairing.verify.VerifyConfig;
import dev.pairing.verify.VerifyReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pairing demo} end to end, as a user runs it: the packaged entry point in its own JVM, a real
 * broker and a real runner, for both engines. Afterwards its topics are read again and must equal
 * what the oracle makes of the same raw records, and no process it started may be left.
 */
class DemoIT {

    private static final Duration RUN_LIMIT = Duration.ofMinutes(4);
    private static final Pattern BALANCED = Pattern.compile("\nbalanced: (\\d+) raw = ");

    @TempDir
    Path dataDir;

    @Test
    void streamsForAFixedDuration() throws Exception {
        Demo demo = Demo.start(dataDir, "--engine", "streams", "--duration", "15s");

        int status = demo.awaitExit();

        assertThat(status).as(demo.output()).isZero();
        assertPairsShownAndLedgerBalanced(demo);
        assertTopicsEqualTheOracle("streams", demo.ledgerRawCount());
        demo.assertNothingLeft();
    }

    /**
     * A Flink demo stopped with Ctrl-C takes a savepoint and balances its ledger. A Flink demo that
     * ends abnormally (here the demo is SIGKILLed, its children stop as orphans)
     * leaves a retained checkpoint newer than the savepoint of the demo before it. The next demo must
     * go on from the newer one: from the old savepoint it would write again everything committed since.
     */
    @Test
    void flinkUntilCtrlCThenResumesFromTheNewestSnapshotAfterAnAbnormalEnd() throws Exception {
        // three demos one after the other (one Flink demo for two stories: each costs a broker and a
        // cluster start, 3 minutes on a loaded machine)
        Duration limit = RUN_LIMIT.multipliedBy(2);
        Demo stoppedCleanly = Demo.start(dataDir, "--engine", "flink");
        stoppedCleanly.command.awaitOutput("\npair ", limit);
        assertThat(stoppedCleanly.output()).contains("dashboard: http://localhost:" + stoppedCleanly.flinkPorts.rest());
        stoppedCleanly.command.interrupt();
        stoppedCleanly.awaitExit();
        assertPairsShownAndLedgerBalanced(stoppedCleanly);
        assertThat(stoppedCleanly.output()).contains("job stopped with a savepoint");
        assertTopicsEqualTheOracle("flink", stoppedCleanly.ledgerRawCount());
        stoppedCleanly.assertNothingLeft();

        Demo killed = Demo.start(dataDir, "--engine", "flink");
        killed.command.awaitOutput("is RUNNING", limit);
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
                    "--port", Integer.toString(port), "--controllerPort", Integer.toString(Ports.freePort())));
            assertThat(samePort.awaitExit(RUN_LIMIT)).as(samePort.output()).isEqualTo(1);
            assertThat(samePort.output()).contains("port " + port + " is already in use").doesNotContain("wiped");
            assertStandaloneBrokerIntact(standalone, standaloneData, port);

            PackagedCommand sameData = PackagedCommand.start(outputs.resolve("demo-same-data.txt"), List.of("demo",
                    "--fresh", "--engine", "streams", "--dataDir", demoData.toString(),
                    "--port", Integer.toString(Ports.freePort()), "--controllerPort", Integer.toString(Ports.freePort())));
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

    private static void assertPairsShownAndLedgerBalanced(Demo demo) {
        String output = demo.output();
        assertThat(output).contains("first pair").contains("\npair ").contains("final ledger");
        assertThat(output).as(output).contains("RESULT: OK")
                .containsPattern("\nbalanced: \\d+ raw = 2 x [1-9]\\d* pairs \\+");
    }

    /** Restarts the demo's broker on its data and compares every output with the oracle's, byte for byte. */
    private void assertTopicsEqualTheOracle(String engine, long rawCountTheDemoReported) {
        try (LocalKafka kafka = LocalKafka.start(Installation.locate(), dataDir.resolve(engine).resolve("kafka"),
                Ports.freePort(), Ports.freePort())) {
            Properties client = new Properties();
            client.put("bootstrap.servers", kafka.bootstrapServers());
            PipelineTopics topics = PipelineTopics.DEFAULT;
            List<ConsumerRecord<byte[], byte[]>> raw = CommittedTopicReader.readAll(client, topics.raw());
            List<ConsumerRecord<byte[], byte[]>> enriched = CommittedTopicReader.readAll(client, topics.enriched());
            List<ConsumerRecord<byte[], byte[]>> deadLetters = CommittedTopicReader.readAll(client, topics.deadLetters());
            List<ConsumerRecord<byte[], byte[]>> unpaired = CommittedTopicReader.readAll(client, topics.unpaired());

            // class-keyed input: one class lives in one partition, so partition by partition is the runner's order
            PairingOracle oracle = new PairingOracle(new PairingRules(12), PendingLimits.DEFAULT);
            RawValueCodec codec = new RawValueCodec();
            for (ConsumerRecord<byte[], byte[]> record : raw) {
                oracle.accept(codec.decode(record.value()), record.partition(), record.offset(), record.timestamp());
            }

            // how many records the producer got in before the stop depends on the machine's load; the
            // demo's own final ledger must have counted exactly what the topic holds
            assertThat((long) raw.size()).isEqualTo(rawCountTheDemoReported).isPositive();
            assertThat(hex(enriched.stream().map(ConsumerRecord::value).toList()))
                    .containsExactlyInAnyOrderElementsOf(hex(oracle.pairs().stream()
                            .map(p -> OutputCodec.encode(p, 12)).toList()));
            assertThat(deadLetters.stream().map(r -> text(r, DeadLetterHeaders.PARTITION) + "@"
                    + text(r, DeadLetterHeaders.OFFSET) + " " + text(r, DeadLetterHeaders.REASON)).toList())
                    .containsExactlyInAnyOrderElementsOf(oracle.rejections().stream()
                            .map(r -> r.partition() + "@" + r.offset() + " " + r.reason()).toList());
            assertThat(unpaired).isEmpty();
            VerifyReport report = new LedgerCheck(VerifyConfig.defaults(topics.raw(), topics.enriched(),
                    topics.deadLetters(), topics.unpaired()),
                    new KafkaRecordSource(client, KafkaRecordSource.Progress.SILENT)).run();
            assertThat(report.ok()).as("%s", report.shownViolations()).isTrue();
            assertThat(report.pending()).isEqualTo(oracle.pendingCount());
        }
    }

    private static List<String> hex(List<byte[]> values) {
        return values.stream().map(HexFormat.of()::formatHex).toList();
    }

    private static String text(ConsumerRecord<byte[], byte[]> record, String header) {
        return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
    }

    /** The packaged demo with its ports free and its data under the test's directory. */
    private static final class Demo {

        private final PackagedCommand command;
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
            args.addAll(List.of(demoArgs));
            return new Demo(PackagedCommand.start(dataDir.resolve("demo-output.txt"), args), flinkPorts);
        }

        String output() {
            return command.output();
        }

        long ledgerRawCount() {
            Matcher balanced = BALANCED.matcher(output());
            assertThat(balanced.find()).as(output()).isTrue();
            return Long.parseLong(balanced.group(1));
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
