package dev.pairing.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.testsupport.ComposeFile;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a Docker user meets, read from docker-compose.yml and the Dockerfile, since no Docker engine
 * runs here: each property the compose path needs and that a file can show. The images' own facts
 * (users, default paths, what their scripts do with the environment) come from their sources and are
 * named where they are relied on.
 */
class DockerPathTest {

    private final ComposeFile compose = ComposeFile.load();
    private final String dockerfile = read("Dockerfile");

    @Test
    void theFlinkImageOwnsItsStateDirectoryAndCarriesTheJobJarAtTheOriginalPath() {
        // flink:2.x runs as the non-root user flink; a new named volume takes the owner of its mount point
        String stage = stage("flink");
        assertThat(stage).contains("FROM flink:2.2.1-java17 AS flink");
        assertThat(stage).containsPattern("mkdir -p /opt/flink/state\\S*.*chown -R flink:flink /opt/flink/state");
        assertThat(stage).contains("--chown=flink:flink /src/flink-runner/target/flink-runner.jar /opt/flink/usrlib/flink-runner.jar");
        for (String service : List.of("jobmanager", "taskmanager", "flink-job")) {
            assertThat(compose.service(service).get("build")).as(service).isEqualTo(Map.of("context", ".", "target", "flink"));
        }
        assertThat(volumes("jobmanager")).contains("flink-state:/opt/flink/state");
        assertThat(volumes("taskmanager")).contains("flink-state:/opt/flink/state");
    }

    @Test
    void theOriginalDockerExecFindsItsContainerAndItsBroker() {
        assertThat(compose.service("jobmanager").get("container_name")).isEqualTo("jobmanager");
        Map<String, String> kafka = compose.environment("kafka");
        assertThat(kafka.get("KAFKA_LISTENERS")).contains("INTERNAL://:9094");
        assertThat(kafka.get("KAFKA_ADVERTISED_LISTENERS")).contains("INTERNAL://" + ComposeFile.BROKER);
        assertThat(kafka.get("KAFKA_INTER_BROKER_LISTENER_NAME")).isEqualTo("INTERNAL");
        for (String service : compose.serviceNames()) {
            assertThat(String.join("\n", compose.allStrings(service))).as(service + " reaches the broker at kafka:9094")
                    .doesNotContain("kafka:19092").doesNotContain("kafka:9092");
        }
    }

    @Test
    void kafkaKeepsItsDataAndItsTransactionsAsLongAsTheLocalStack() {
        Map<String, String> kafka = compose.environment("kafka");
        // apache/kafka's configureDefaults puts the log dirs under /tmp, in the container layer
        assertThat(kafka.get("KAFKA_LOG_DIRS")).isEqualTo("/var/lib/kafka/data");
        assertThat(volumes("kafka")).contains("kafka-data:/var/lib/kafka/data");
        // the local stack's broker allows 4 h (BrokerConfig.TRANSACTION_MAX_TIMEOUT)
        assertThat(Long.parseLong(kafka.get("KAFKA_TRANSACTION_MAX_TIMEOUT_MS"))).isEqualTo(Duration.ofHours(4).toMillis());
    }

    @Test
    void theRegistryKeepsItsSchemasInTheBroker() {
        Map<String, String> registry = compose.environment("schema-registry");
        assertThat(registry).containsEntry("APICURIO_STORAGE_KIND", "kafkasql")
                .containsEntry("APICURIO_KAFKASQL_BOOTSTRAP_SERVERS", ComposeFile.BROKER);
        assertThat(condition("schema-registry", "kafka")).isEqualTo("service_healthy");
    }

    @Test
    void whatStartsOnceWaitsForHealthyServices() {
        for (String service : List.of("kafka", "schema-registry", "jobmanager")) {
            assertThat(compose.service(service)).as(service + " has a healthcheck").containsKey("healthcheck");
        }
        assertThat(compose.service("flink-job").get("restart")).isEqualTo("no");
        assertThat(condition("flink-job", "jobmanager")).isEqualTo("service_healthy");
        assertThat(condition("taskmanager", "jobmanager")).isEqualTo("service_healthy");
        for (String service : List.of("flink-job", "producer", "streams-runner", "kafka-ui")) {
            assertThat(condition(service, "schema-registry")).as(service).isEqualTo("service_healthy");
        }
    }

    @Test
    void kafkaUiShowsWhatTheReadersOfThePipelineSee() {
        // kafbat's ClustersProperties: consumerProperties are applied to its consumers
        assertThat(compose.environment("kafka-ui"))
                .containsEntry("KAFKA_CLUSTERS_0_CONSUMERPROPERTIES_ISOLATION_LEVEL", "read_committed");
    }

    @Test
    void theTwoRunnerProfilesUseGroupsOfTheirOwn() {
        List<String> streams = compose.command("streams-runner");
        String streamsGroup = streams.get(streams.indexOf("--groupId") + 1);
        String[] flink = compose.scriptArgsAfter("flink-job", "/opt/flink/usrlib/flink-runner.jar");
        String flinkGroup = flink[List.of(flink).indexOf("--groupId") + 1];
        assertThat(streamsGroup).isNotEqualTo(flinkGroup);
        assertThat(compose.service("streams-runner").get("profiles")).isEqualTo(List.of("streams"));
        assertThat(compose.service("flink-job").get("profiles")).isEqualTo(List.of("flink"));
    }

    @Test
    void prometheusScrapesEachServiceWhereItServesItsMetrics() {
        Map<String, List<String>> targets = scrapeTargets();
        assertThat(targets.get("streams-runner")).containsExactly("streams-runner:" + after("streams-runner", "--metricsPort"));
        assertThat(targets.get("producer")).containsExactly("producer:" + after("producer", "--metricsPort"));
        assertThat(targets.get("flink")).containsExactlyInAnyOrder("jobmanager:9249", "taskmanager:9249");
        for (String flink : List.of("jobmanager", "taskmanager")) {
            // the flink image has the reporter in plugins/metrics-prometheus, which Flink loads by its factory
            assertThat(compose.environment(flink).get("FLINK_PROPERTIES")).as(flink)
                    .contains("metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory")
                    .contains("metrics.reporter.prom.port: 9249");
        }
        assertThat(compose.service("streams-runner")).as("the runner's readiness is its healthcheck").containsKey("healthcheck");
        assertThat(String.join(" ", compose.allStrings("streams-runner"))).contains("/health/ready");
    }

    @Test
    void theMonitoringProfileRunsPinnedImagesWithTheShippedConfiguration() {
        for (String service : List.of("prometheus", "grafana")) {
            assertThat(compose.service(service).get("profiles")).as(service).isEqualTo(List.of("monitoring"));
            assertThat(String.valueOf(compose.service(service).get("image"))).as(service + " has a pinned tag")
                    .matches("[\\w./-]+:v?\\d+\\.\\d+\\.\\d+");
        }
        assertThat(volumes("prometheus")).contains("./docker/monitoring/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
        assertThat(volumes("grafana")).contains("./docker/monitoring/grafana/provisioning:/etc/grafana/provisioning:ro",
                "./docker/monitoring/grafana/dashboards:/var/lib/grafana/dashboards:ro");
        for (String mounted : List.of("docker/monitoring/grafana/provisioning/datasources/prometheus.yml",
                "docker/monitoring/grafana/provisioning/dashboards/pairing.yml",
                "docker/monitoring/grafana/dashboards/pairing.json")) {
            assertThat(ComposeFile.besideIt(mounted)).as(mounted).isRegularFile();
        }
        // the dashboard's panels name the data source that provisioning creates
        Map<?, ?> datasources = (Map<?, ?>) yaml("docker/monitoring/grafana/provisioning/datasources/prometheus.yml");
        Map<?, ?> datasource = (Map<?, ?>) ((List<?>) datasources.get("datasources")).get(0);
        assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
        assertThat(read("docker/monitoring/grafana/dashboards/pairing.json"))
                .contains("\"uid\": \"" + datasource.get("uid") + "\"");
        assertThat(condition("grafana", "prometheus")).isEqualTo("service_healthy");
    }

    @Test
    void theFlinkImageTakesTheLogSwitch() {
        String stage = stage("flink");
        assertThat(stage).contains("COPY --chown=flink:flink docker/flink/log4j-console.properties /opt/flink/conf/log4j-console.properties");
        assertThat(stage).containsPattern("/src/local-stack/flink-lib/target/lib/log4j-layout-template-json-\\*\\.jar /opt/flink/lib/");
        assertThat(stage("build")).contains("local-stack/flink-lib");
    }

    /** The shipped Prometheus configuration's targets, by job. */
    private static Map<String, List<String>> scrapeTargets() {
        Map<String, List<String>> targets = new java.util.TreeMap<>();
        for (Object job : (List<?>) ((Map<?, ?>) yaml("docker/monitoring/prometheus.yml")).get("scrape_configs")) {
            Map<?, ?> config = (Map<?, ?>) job;
            List<String> here = new java.util.ArrayList<>();
            for (Object staticConfig : (List<?>) config.get("static_configs")) {
                ((List<?>) ((Map<?, ?>) staticConfig).get("targets")).forEach(t -> here.add(String.valueOf(t)));
            }
            targets.put(String.valueOf(config.get("job_name")), here);
        }
        return targets;
    }

    private String after(String service, String flag) {
        List<String> command = compose.command(service);
        assertThat(command).as(service + "'s command").contains(flag);
        return command.get(command.indexOf(flag) + 1);
    }

    private static Object yaml(String name) {
        return new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder().build())
                .loadFromString(read(name));
    }

    private String condition(String service, String dependency) {
        Object dependsOn = compose.service(service).get("depends_on");
        assertThat(dependsOn).as(service + " depends_on with conditions").isInstanceOf(Map.class);
        Object entry = ((Map<?, ?>) dependsOn).get(dependency);
        assertThat(entry).as(service + " depends on " + dependency).isInstanceOf(Map.class);
        return String.valueOf(((Map<?, ?>) entry).get("condition"));
    }

    private List<String> volumes(String service) {
        Object volumes = compose.service(service).get("volumes");
        return volumes instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    /** The Dockerfile's lines from {@code FROM ... AS name} to the next {@code FROM}. */
    private String stage(String name) {
        int start = dockerfile.indexOf(" AS " + name + "\n");
        assertThat(start).as("a stage named " + name).isPositive();
        int from = dockerfile.lastIndexOf("FROM ", start);
        int next = dockerfile.indexOf("\nFROM ", start);
        return dockerfile.substring(from, next < 0 ? dockerfile.length() : next);
    }

    private static String read(String name) {
        try {
            return Files.readString(ComposeFile.besideIt(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
