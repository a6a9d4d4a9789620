package dev.pairing.local.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pairing.core.matching.PendingLimits;
import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.flink.FlinkClusterOptions;
import dev.pairing.launcher.flink.FlinkPorts;
import dev.pairing.launcher.flink.JobSubmission;
import dev.pairing.launcher.flink.LocalFlinkCluster;
import dev.pairing.launcher.kafka.LocalKafka;
import dev.pairing.launcher.process.Ports;
import dev.pairing.launcher.runner.RunnerFlags;
import dev.pairing.runtime.PipelineSpec;
import dev.pairing.schemas.codec.ComplementClassKey;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.streams.PairingApp;
import dev.pairing.streams.StreamsRunnerFlags;
import dev.pairing.testsupport.HostileCorpus;
import dev.pairing.verify.KafkaRecordSource;
import dev.pairing.verify.LedgerCheck;
import dev.pairing.verify.VerifyConfig;
import dev.pairing.verify.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A real Prometheus, configured with the scrape rules the project ships (docker/monitoring), scrapes a
 * Streams runner and the Flink job on the local stack (a real broker, a real session cluster with
 * Flink's own Prometheus reporter) through a hostile-input run: every bad record of the shared corpus
 * between a 5 and a 7, a class with more numbers than it may hold, numbers left waiting. Both engines
 * read the same raw topic into outputs of their own. What Prometheus answers must be what verify
 * counts on each engine's topics: records, pairs, dead letters by reason (and cut to fit), unpaired
 * by reason, pending per class; and every query of the shipped Grafana dashboard returns data.
 */
class PrometheusScrapeIT {

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusScrapeIT.class);
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final int PARTITIONS = 3;
    private static final int LARGE = 2 * 1024 * 1024;
    private static final int MAX_PENDING = 3;
    private static final String STREAMS_JOB = "streams-runner";
    private static final String FLINK_JOB = "flink";

    /** One engine's topics and group. */
    private record Outputs(String enriched, String deadLetters, String unpaired, String group) {
        static Outputs named(String name) {
            return new Outputs(name + "-enriched", name + "-dlq", name + "-unpaired", name);
        }

        VerifyConfig verifyConfig(String raw) {
            return VerifyConfig.of(PipelineSpec.builder().pairSum(HostileCorpus.PAIR_SUM)
                    .topics(raw, enriched, deadLetters, unpaired)
                    .limits(new PendingLimits(MAX_PENDING, 0)).build());
        }

        List<String> flags(String bootstrap, String raw) {
            return List.of("--bootstrapServers", bootstrap, "--pairSum", Integer.toString(HostileCorpus.PAIR_SUM),
                    "--rawTopic", raw, "--enrichedTopic", enriched, "--DLQ", deadLetters, "--unpairedTopic", unpaired,
                    "--groupId", group, "--maxPendingPerClass", Integer.toString(MAX_PENDING), "--createTopics", "false");
        }
    }

    @Test
    void prometheusSeesWhatVerifyCountsOnBothEngines(@TempDir Path dir) throws Exception {
        Path prometheus = PrometheusServer.binary().orElse(null);
        if (prometheus == null) {
            System.err.println("SKIPPED PrometheusScrapeIT: no prometheus binary on the PATH"
                    + " (apt-get install prometheus; .ci/run installs it where it can)");
        }
        Assumptions.assumeTrue(prometheus != null, "no prometheus binary on the PATH (apt-get install prometheus)");
        LocalBuild installation = LocalBuild.locate();
        String raw = "monitoring-raw";
        Outputs streams = Outputs.named("monitoring-streams");
        Outputs flink = Outputs.named("monitoring-flink");
        int kafkaPorts = Ports.freeRange(2);
        int reporterPorts = Ports.freeRange(2);
        try (LocalKafka kafka = LocalKafka.start(installation, dir.resolve("kafka"), kafkaPorts, kafkaPorts + 1);
                LocalFlinkCluster cluster = LocalFlinkCluster.start(installation, dir.resolve("flink"), FlinkPorts.free(),
                        FlinkClusterOptions.DEFAULTS.withConfiguration(Map.of("metrics.reporter.prom.port",
                                reporterPorts + "-" + (reporterPorts + 1))))) {
            Properties client = new Properties();
            client.put("bootstrap.servers", kafka.bootstrapServers());
            createTopics(client, raw, streams, flink);

            List<String> streamsFlags = new ArrayList<>(streams.flags(kafka.bootstrapServers(), raw));
            streamsFlags.addAll(List.of("--stateDir", dir.resolve("streams").toString(), "--metricsPort", "0",
                    "--inputKeyedByClass", "true", "--instanceId", "none"));
            List<String> jobFlags = new ArrayList<>(flink.flags(kafka.bootstrapServers(), raw));
            jobFlags.addAll(List.of("--checkpointInterval", "1s"));
            String job = cluster.cli().submit(JobSubmission.of(installation.flinkJobJar(), RunnerFlags.verbatim(jobFlags)));
            try (PairingApp app = PairingApp.start(StreamsRunnerFlags.parse(streamsFlags.toArray(String[]::new)))) {
                await().atMost(PATIENCE).until(() -> cluster.rest().allTasksRunning(job));
                assertThat(app.awaitRunning(PATIENCE)).isTrue();
                int prometheusPort = Ports.freePort();
                Path config = scrapeConfig(installation.home(), dir, prometheusPort, app.metricsPort(), reporterPorts);
                try (PrometheusServer server = PrometheusServer.start(prometheus, config, dir.resolve("prometheus"),
                        prometheusPort)) {
                    await().atMost(PATIENCE).until(server::ready);
                    List<HostileCorpus.Hostile> corpus = produce(client, raw);

                    VerifyReport onStreams = awaitComplete(client, streams.verifyConfig(raw), corpus.size());
                    VerifyReport onFlink = awaitComplete(client, flink.verifyConfig(raw), corpus.size());
                    assertThat(onFlink.truncatedDeadLetters()).as("the Flink outputs' dead-letter topic has the"
                            + " broker's default size: the 1 MB records' letters are cut").isPositive();

                    assertScrapedAsVerified(server, STREAMS_JOB, onStreams);
                    assertScrapedAsVerified(server, FLINK_JOB, onFlink);
                    assertEveryDashboardQueryHasData(server, installation.home());
                    assertThat(server.isAlive()).isTrue();
                }
            } finally {
                cluster.cli().cancel(job);
            }
        }
    }

    /** The shipped configuration with this run's targets, a 1 s interval, and its relabelling as it is. */
    @SuppressWarnings("unchecked")
    private static Path scrapeConfig(Path home, Path dir, int prometheusPort, int streamsPort, int reporterPorts)
            throws Exception {
        Map<String, Object> config = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(home.resolve("docker/monitoring/prometheus.yml")));
        Map<String, Object> global = (Map<String, Object>) config.get("global");
        global.put("scrape_interval", "1s");
        global.put("evaluation_interval", "1s");
        Map<String, List<String>> targets = Map.of(
                STREAMS_JOB, List.of("127.0.0.1:" + streamsPort),
                FLINK_JOB, List.of("127.0.0.1:" + reporterPorts, "127.0.0.1:" + (reporterPorts + 1)),
                "prometheus", List.of("127.0.0.1:" + prometheusPort));
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) config.get("scrape_configs")) {
            List<String> here = targets.get((String) job.get("job_name"));
            if (here != null) { // the producer is not part of this run
                Map<String, Object> copy = new LinkedHashMap<>(job);
                copy.put("static_configs", List.of(Map.of("targets", here)));
                jobs.add(copy);
            }
        }
        assertThat(jobs).extracting(job -> job.get("job_name")).containsExactlyInAnyOrder(targets.keySet().toArray());
        config.put("scrape_configs", jobs);
        Path file = dir.resolve("prometheus.yml");
        Files.writeString(file, new Dump(DumpSettings.builder().build()).dumpToString(config));
        return file;
    }

    private static void createTopics(Properties client, String raw, Outputs... outputs) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        topics.add(new NewTopic(raw, PARTITIONS, (short) 1)
                .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(LARGE))));
        for (int i = 0; i < outputs.length; i++) {
            Outputs out = outputs[i];
            topics.add(new NewTopic(out.enriched(), PARTITIONS, (short) 1));
            topics.add(new NewTopic(out.unpaired(), PARTITIONS, (short) 1));
            NewTopic letters = new NewTopic(out.deadLetters(), PARTITIONS, (short) 1);
            // the first engine's dead-letter topic takes the 1 MB records whole; the second's is the
            // broker's default, so their dead letters are cut to fit
            topics.add(i == 0 ? letters.configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(LARGE)))
                    : letters);
        }
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * Each bad record between a 5 and a 7 (keyed by their class, as the project's producer keys), then
     * five 4s in a class that may hold three (two evicted, three left) and two 1s left waiting.
     */
    private static List<HostileCorpus.Hostile> produce(Properties client, String raw) throws Exception {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(LARGE));
        List<HostileCorpus.Hostile> corpus = HostileCorpus.all();
        long timestamp = System.currentTimeMillis();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (HostileCorpus.Hostile bad : corpus) {
                send(producer, raw, timestamp++, 5, RawValueCodec.encodeText(5));
                producer.send(new ProducerRecord<>(raw, null, timestamp++, bad.key(), bad.value())).get(30, TimeUnit.SECONDS);
                send(producer, raw, timestamp++, 5, RawValueCodec.encodeText(7));
            }
            for (int i = 0; i < 5; i++) {
                send(producer, raw, timestamp++, 4, RawValueCodec.encodeText(4));
            }
            for (int i = 0; i < 2; i++) {
                send(producer, raw, timestamp++, 1, RawValueCodec.encodeText(1));
            }
        }
        return corpus;
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, long timestamp, int cls, byte[] value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, null, timestamp, ComplementClassKey.encode(cls), value))
                .get(30, TimeUnit.SECONDS);
    }

    /** verify's report once the engine has written everything the input makes: checked, every record accounted for. */
    private static VerifyReport awaitComplete(Properties client, VerifyConfig config, int corpus) {
        long raw = 3L * corpus + 7;
        VerifyReport[] last = new VerifyReport[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).until(() -> {
            VerifyReport report = new LedgerCheck(config, new KafkaRecordSource(client, KafkaRecordSource.Progress.SILENT)).run();
            last[0] = report;
            return report.raw() == raw && report.pairs() == corpus && report.deadLetters() == corpus
                    && report.unpaired() == 2;
        });
        VerifyReport report = last[0];
        assertThat(report.shownViolations()).as(config.deadLetterTopic() + ": verify's violations").isEmpty();
        assertThat(report.pending()).isEqualTo(5);
        return report;
    }

    private static void assertScrapedAsVerified(PrometheusServer server, String job, VerifyReport verified) {
        Map<String, Double> deadLetters = new TreeMap<>();
        verified.deadLettersByReason().forEach((reason, n) -> deadLetters.put(reason.name(), n.doubleValue()));
        Map<String, Double> unpaired = new TreeMap<>();
        verified.unpairedByReason().forEach((reason, n) -> unpaired.put(reason.name(), n.doubleValue()));
        Map<String, Double> pending = new TreeMap<>();
        verified.pendingByClass().forEach((cls, n) -> pending.put(Integer.toString(cls), n.doubleValue()));
        String of = "{job=\"" + job + "\"}";
        Map<String, Object> scraped = new TreeMap<>();
        // Prometheus is a scrape behind the engines: wait until it has seen the last of the run
        await().atMost(PATIENCE).untilAsserted(() -> {
            scraped.put("records", server.byLabel("sum(pairing_records_total" + of + ")", "").get(""));
            scraped.put("pairs", server.byLabel("sum(pairing_pairs_total" + of + ")", "").get(""));
            scraped.put("truncated", server.byLabel("sum(pairing_dead_letters_truncated_total" + of + ")", "").get(""));
            scraped.put("deadLetters", nonZero(server.byLabel("sum by (reason) (pairing_dead_letters_total" + of + ")", "reason")));
            scraped.put("unpaired", nonZero(server.byLabel("sum by (reason) (pairing_unpaired_total" + of + ")", "reason")));
            scraped.put("pending", nonZero(server.byLabel("sum by (class) (pairing_pending" + of + ")", "class")));
            assertThat(scraped).as(job + " in Prometheus").containsEntry("records", (double) verified.raw())
                    .containsEntry("pairs", (double) verified.pairs())
                    .containsEntry("truncated", (double) verified.truncatedDeadLetters())
                    .containsEntry("deadLetters", deadLetters).containsEntry("unpaired", unpaired)
                    .containsEntry("pending", pending);
        });
        LOG.info("{}: Prometheus {} = verify raw {}, pairs {}, dead letters {} ({} truncated), unpaired {}, pending {}",
                job, scraped, verified.raw(), verified.pairs(), deadLetters, verified.truncatedDeadLetters(), unpaired,
                pending);
    }

    /** Every target of every panel of the shipped dashboard, with Grafana's rate interval given, answers with data. */
    @SuppressWarnings("unchecked")
    private static void assertEveryDashboardQueryHasData(PrometheusServer server, Path home) throws Exception {
        Map<String, Object> dashboard = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(home.resolve("docker/monitoring/grafana/dashboards/pairing.json")));
        List<String> queries = new ArrayList<>();
        for (Map<String, Object> panel : (List<Map<String, Object>>) dashboard.get("panels")) {
            for (Map<String, Object> target : (List<Map<String, Object>>) panel.get("targets")) {
                queries.add((String) target.get("expr"));
            }
        }
        assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
        Map<String, Integer> answered = new LinkedHashMap<>();
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (String query : queries) {
                answered.put(query, server.query(query.replace("$__rate_interval", "30s")).size());
            }
            assertThat(answered).as("series each dashboard query returns").allSatisfy((query, series) ->
                    assertThat(series).as(query).isPositive());
        });
        LOG.info("dashboard queries and their series: {}", answered);
    }

    private static Map<String, Double> nonZero(Map<String, Double> values) {
        Map<String, Double> kept = new TreeMap<>(values);
        kept.values().removeIf(value -> value == 0);
        return kept;
    }
}
