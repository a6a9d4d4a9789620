package dev.pairing.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class ClientSettingsTest {

    @Test
    void theHarnessesClientsGetTheSettingsTheyKnowReplacingTheirOwn() {
        Properties consumer = new Properties();
        consumer.put("max.poll.records", "500");
        Properties producer = new Properties();
        producer.put("linger.ms", "20");

        assertThat(ClientSettings.consumer(consumer)).containsEntry("max.poll.records", "5000")
                .doesNotContainKeys("batch.size", "linger.ms");
        assertThat(ClientSettings.producer(producer)).containsEntry("linger.ms", "5").containsEntry("batch.size", "262144")
                .doesNotContainKey("max.poll.records");
    }
}
