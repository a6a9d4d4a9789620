package dev.pairing.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.launcher.registry.LocalRegistry;
import dev.pairing.schemas.avro.NumberPair;
import dev.pairing.schemas.avro.UnpairedNumber;
import dev.pairing.schemas.codec.OutputEncoding;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the output's ids are found, against a real Apicurio Registry, as Confluent's serializer settings say. */
class OutputSubjectsIT {

    @TempDir
    static Path dir;
    static LocalRegistry registry;

    @BeforeAll
    static void start() {
        registry = LocalRegistry.startOnFreePort(dir.resolve("registry"));
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void byDefaultTheSchemasAreRegisteredUnderTheTopicsSubjects() {
        SchemaRegistryClient client = client(new Properties());

        OutputEncoding first = OutputSubjects.register(client, "registered-pairs", "registered-unpaired");

        assertThat(subjects()).contains("\"registered-pairs-value\"", "\"registered-unpaired-value\"");
        assertThat(OutputSubjects.register(client, "registered-pairs", "registered-unpaired")).isEqualTo(first);
    }

    @Test
    void lookupOnlyFindsThePreRegisteredVersionsUnderTopicRecordNamesAndRegistersNothing() {
        SchemaRegistryClient operator = client(new Properties());
        int pair = operator.register("lookup-pairs-dev.pairing.schemas.avro.NumberPair", NumberPair.getClassSchema().toString());
        int unpaired = operator.register("lookup-unpaired-dev.pairing.schemas.avro.UnpairedNumber",
                UnpairedNumber.getClassSchema().toString());
        String before = subjects();
        Properties props = new Properties();
        props.setProperty("auto.register.schemas", "false");
        props.setProperty("value.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy");

        OutputEncoding found = OutputSubjects.register(client(props), "lookup-pairs", "lookup-unpaired");

        assertThat(found).isEqualTo(OutputEncoding.confluent(pair, unpaired));
        assertThat(subjects()).isEqualTo(before);
    }

    @Test
    void lookupOnlyWithoutTheSchemaRegisteredFailsNamingTheSubject() {
        Properties props = new Properties();
        props.setProperty("auto.register.schemas", "false");

        assertThatThrownBy(() -> OutputSubjects.register(client(props), "nowhere-pairs", "nowhere-unpaired"))
                .isInstanceOf(RegistryRefusedException.class)
                .hasMessageContaining("subject nowhere-pairs-value")
                .hasMessageContaining("auto.register.schemas=false");
        assertThat(subjects()).doesNotContain("nowhere-pairs");
    }

    @Test
    void theLatestVersionIsTakenWhenItEncodesAsTheRunnerWritesAndRefusedOtherwise() {
        SchemaRegistryClient operator = client(new Properties());
        // the same layout in other words: a doc the project's schema lacks
        String documented = NumberPair.getClassSchema().toString().replaceFirst("\\{", "{\"doc\":\"pairs, as the team documents them\",");
        int pair = operator.register("latest-pairs-value", documented);
        int unpaired = operator.register("latest-unpaired-value", UnpairedNumber.getClassSchema().toString());
        Properties props = new Properties();
        props.setProperty("auto.register.schemas", "false");
        props.setProperty("use.latest.version", "true");

        assertThat(OutputSubjects.register(client(props), "latest-pairs", "latest-unpaired"))
                .isEqualTo(OutputEncoding.confluent(pair, unpaired));

        operator.register("other-pairs-value", "{\"type\":\"record\",\"name\":\"NumberPair\","
                + "\"namespace\":\"dev.pairing.schemas.avro\",\"fields\":[{\"name\":\"sum\",\"type\":\"long\"}]}");
        assertThatThrownBy(() -> OutputSubjects.register(client(props), "other-pairs", "latest-unpaired"))
                .isInstanceOf(RegistryRefusedException.class)
                .hasMessageContaining("latest version of subject other-pairs-value")
                .hasMessageContaining("another layout");
    }

    private static SchemaRegistryClient client(Properties settings) {
        Properties props = new Properties();
        props.putAll(settings);
        props.setProperty(RegistrySettings.URL, registry.url());
        return new SchemaRegistryClient(RegistrySettings.from(props).orElseThrow());
    }

    private static String subjects() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(registry.url() + "/subjects"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
