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
