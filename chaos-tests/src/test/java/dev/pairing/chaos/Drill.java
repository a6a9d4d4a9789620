package dev.pairing.chaos;

import dev.pairing.launcher.kafka.LocalKafka;
import java.util.Properties;

/** What every drill needs: client settings for a broker. */
final class Drill {

    private Drill() {}

    static Properties client(LocalKafka kafka) {
        return client(kafka.bootstrapServers());
    }

    static Properties client(String bootstrapServers) {
        Properties client = new Properties();
        client.put("bootstrap.servers", bootstrapServers);
        return client;
    }
}
