package dev.pairing.local.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {

    @Test
    void extraPropertiesOverrideTheGeneratedOnesAndAddNewOnes() throws Exception {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("listeners", "PLAINTEXT://127.0.0.1:9092,SASL_PLAINTEXT://127.0.0.1:9094,CONTROLLER://127.0.0.1:9093");
        extra.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");

        Properties read = new Properties();
        read.load(new StringReader(BrokerConfig.serverProperties(Path.of("/data"), 9092, 9093)
                + BrokerConfig.extraProperties(extra)));

        assertThat(read.getProperty("listeners")).isEqualTo(extra.get("listeners"));
        assertThat(read.getProperty("sasl.enabled.mechanisms")).isEqualTo("SCRAM-SHA-512");
        assertThat(read.getProperty("node.id")).isEqualTo("1");
    }

    @Test
    void transactionsMayStayOpenForHoursSoAFlinkJobDownThatLongLosesNoOutput() throws Exception {
        Properties read = new Properties();
        read.load(new StringReader(BrokerConfig.serverProperties(Path.of("/data"), 9092, 9093)));

        assertThat(read.getProperty("transaction.max.timeout.ms")).isNotNull();
        assertThat(Duration.ofMillis(Long.parseLong(read.getProperty("transaction.max.timeout.ms"))))
                .isGreaterThanOrEqualTo(Duration.ofHours(1));
    }

    @Test
    void withoutExtraPropertiesNothingIsAdded() {
        assertThat(BrokerConfig.extraProperties(Map.of())).isEmpty();
    }
}
