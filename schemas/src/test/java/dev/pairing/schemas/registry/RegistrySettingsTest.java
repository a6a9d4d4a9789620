package dev.pairing.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.Properties;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class RegistrySettingsTest {

    @Test
    void readsConfluentsPropertyNamesFromTheClientProperties() {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", "kafka:9092");
        props.setProperty("schema.registry.url", "https://registry:8081/");
        props.setProperty("basic.auth.user.info", "pairing:secret");
        props.setProperty("schema.registry.ssl.truststore.location", "/etc/pairing/truststore.p12");
        props.setProperty("schema.registry.unavailable.max.ms", "5000");

        RegistrySettings settings = RegistrySettings.from(props).orElseThrow();

        assertThat(settings.url()).isEqualTo("https://registry:8081");
        assertThat(settings.userInfo()).isEqualTo("pairing:secret");
        assertThat(settings.truststore()).isEqualTo("/etc/pairing/truststore.p12");
        assertThat(settings.unavailableBudget()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.toString()).doesNotContain("secret");
    }

    @Test
    void noUrlMeansNoRegistryAndABadOneIsRefused() {
        assertThat(RegistrySettings.from(new Properties())).isEmpty();
        Properties props = new Properties();
        props.setProperty("schema.registry.url", "registry:8081");
        assertThatThrownBy(() -> RegistrySettings.from(props)).hasMessageContaining("http or https");
        props.setProperty("schema.registry.url", "http://registry:8081");
        props.setProperty("schema.registry.unavailable.max.ms", "soon");
        assertThatThrownBy(() -> RegistrySettings.from(props)).hasMessageContaining("milliseconds");
    }

    @Test
    void credentialsInTheUrlAreUsedButNeverShown() {
        Properties props = new Properties();
        props.setProperty("schema.registry.url", "https://pairing:s3cret@registry.example:8081/apis/ccompat/v7");

        RegistrySettings settings = RegistrySettings.from(props).orElseThrow();

        assertThat(settings.toString()).doesNotContain("s3cret").doesNotContain("pairing:");
        assertThat(settings.url()).isEqualTo("https://registry.example:8081/apis/ccompat/v7");
        assertThat(settings.userInfo()).isEqualTo("pairing:s3cret");
    }

    @Test
    void aStaticBearerTokenGoesInTheAuthorizationHeaderWithConfluentCloudsTargets() {
        Properties props = new Properties();
        props.setProperty("schema.registry.url", "https://registry.example");
        props.setProperty("bearer.auth.credentials.source", "STATIC_TOKEN");
        props.setProperty("bearer.auth.token", "eyJtoken");
        props.setProperty("bearer.auth.logical.cluster", "lsrc-123");
        props.setProperty("bearer.auth.identity.pool.id", "pool-9");

        RegistrySettings settings = RegistrySettings.from(props).orElseThrow();

        assertThat(new SchemaRegistryClient(settings).authHeaders()).containsExactly(
                entry("Authorization", "Bearer eyJtoken"), entry("target-sr-cluster", "lsrc-123"),
                entry("Confluent-Identity-Pool-Id", "pool-9"));
        assertThat(settings.toString()).isEqualTo("https://registry.example (bearer auth)").doesNotContain("eyJ");
    }

    @Test
    void basicAuthFromUserInfoOrTheUrlIsOneHeader() {
        Properties props = new Properties();
        props.setProperty("schema.registry.url", "https://registry.example");
        props.setProperty("basic.auth.credentials.source", "USER_INFO");
        props.setProperty("basic.auth.user.info", "pairing:secret");

        assertThat(new SchemaRegistryClient(RegistrySettings.from(props).orElseThrow()).authHeaders())
                .containsExactly(entry("Authorization", "Basic cGFpcmluZzpzZWNyZXQ="));
        assertThat(new SchemaRegistryClient(RegistrySettings.of("https://registry.example")).authHeaders()).isEmpty();
    }

    @Test
    void credentialSourcesThisClientCannotServeAreRefusedByName() {
        Properties bearer = new Properties();
        bearer.setProperty("schema.registry.url", "https://registry.example");
        bearer.setProperty("bearer.auth.credentials.source", "OAUTHBEARER");
        assertThatThrownBy(() -> RegistrySettings.from(bearer)).hasMessageContaining("OAUTHBEARER is not supported");

        Properties both = new Properties();
        both.setProperty("schema.registry.url", "https://registry.example");
        both.setProperty("basic.auth.credentials.source", "USER_INFO");
        both.setProperty("bearer.auth.credentials.source", "STATIC_TOKEN");
        assertThatThrownBy(() -> RegistrySettings.from(both)).hasMessageContaining("only one of");

        Properties inherit = new Properties();
        inherit.setProperty("schema.registry.url", "https://registry.example");
        inherit.setProperty("basic.auth.credentials.source", "SASL_INHERIT");
        assertThatThrownBy(() -> RegistrySettings.from(inherit)).hasMessageContaining("SASL_INHERIT is not supported");
    }

    @Test
    void outputSubjectsAndLookupFollowConfluentsSerializerSettings() {
        Schema pair = dev.pairing.schemas.avro.NumberPair.getClassSchema();
        Properties props = new Properties();
        props.setProperty("schema.registry.url", "http://registry:8081");
        assertThat(RegistrySettings.from(props).orElseThrow().output()).isEqualTo(OutputSchemaPolicy.DEFAULT);
        assertThat(SubjectNameStrategy.TOPIC_NAME.subject("enriched-topic", pair)).isEqualTo("enriched-topic-value");

        props.setProperty("value.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy");
        props.setProperty("auto.register.schemas", "false");
        props.setProperty("use.latest.version", "true");
        OutputSchemaPolicy policy = RegistrySettings.from(props).orElseThrow().output();
        assertThat(policy).isEqualTo(new OutputSchemaPolicy(SubjectNameStrategy.TOPIC_RECORD_NAME, false, true));
        assertThat(policy.subjects().subject("enriched-topic", pair))
                .isEqualTo("enriched-topic-dev.pairing.schemas.avro.NumberPair");
        assertThat(SubjectNameStrategy.of("RecordNameStrategy").subject("enriched-topic", pair))
                .isEqualTo("dev.pairing.schemas.avro.NumberPair");

        props.setProperty("value.subject.name.strategy", "com.example.MyStrategy");
        assertThatThrownBy(() -> RegistrySettings.from(props)).hasMessageContaining("com.example.MyStrategy");
        props.remove("value.subject.name.strategy");
        props.setProperty("auto.register.schemas", "true");
        assertThatThrownBy(() -> RegistrySettings.from(props)).hasMessageContaining("auto.register.schemas=false");
    }

    @Test
    void anUnknownIdIsRememberedForConfluentsTtlOrOurs() {
        Properties props = new Properties();
        props.setProperty("schema.registry.url", "http://registry:8081");
        assertThat(RegistrySettings.from(props).orElseThrow().missingIdTtl()).isEqualTo(Duration.ofSeconds(30));
        props.setProperty("missing.id.cache.ttl.sec", "0");
        assertThat(RegistrySettings.from(props).orElseThrow().missingIdTtl()).isZero();
    }

    @Test
    void aUrlAboutToBeLoggedLosesItsCredentials() {
        assertThat(RegistrySettings.redacted("https://me:pw@registry.example:8081/apis/ccompat/v7"))
                .isEqualTo("https://*****@registry.example:8081/apis/ccompat/v7");
        assertThat(RegistrySettings.redacted("http://registry:8081")).isEqualTo("http://registry:8081");
    }
}
