package dev.pairing.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
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
}
