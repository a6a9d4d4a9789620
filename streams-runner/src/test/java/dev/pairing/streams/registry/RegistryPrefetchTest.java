package dev.pairing.streams.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.schemas.registry.RegistrySettings;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class RegistryPrefetchTest {

    @Test
    void theInterceptorJoinsTheUsersOwnOnTheMainConsumerOnlyWithARegistry() {
        Properties none = new Properties();
        RegistryPrefetch.install(none, Optional.empty(), "raw-topic");
        assertThat(none).isEmpty();

        Properties props = new Properties();
        props.setProperty("consumer.interceptor.classes", "com.example.Audit");
        RegistryPrefetch.Control control = RegistryPrefetch.install(props,
                Optional.of(RegistrySettings.of("http://127.0.0.1:1")), "raw-topic");

        assertThat(props.getProperty("main.consumer.interceptor.classes"))
                .isEqualTo("com.example.Audit," + RegistryPrefetch.class.getName());
        assertThat(props.get("main.consumer." + RegistryPrefetch.CONTROL)).isSameAs(control);
    }
}
