package dev.pairing.chaos;

import dev.pairing.launcher.kafka.LocalKafka;
import java.util.Properties;

/** What every drill needs: client settings for a broker, and the random moments of its chaos. */
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

    /** The random moment of a kill: chaos by design, not a wait for anything. */
    static void chaosMoment(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
