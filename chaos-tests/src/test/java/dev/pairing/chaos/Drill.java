package dev.pairing.chaos;

import dev.pairing.launcher.kafka.LocalKafka;
import dev.pairing.launcher.runner.RunnerFlags;
import java.util.List;
import java.util.Properties;

/** What every drill needs: client settings for a broker, and the runners' flags of a broken variant. */
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

    /**
     * The Streams runners' flags as {@code -D<prefix>.guarantee}, {@code -D<prefix>.commitInterval}
     * and {@code -D<prefix>.kafkaProperty} (comma-separated {@code key=value}s) ask, none by default:
     * how a drill is run against a deliberately broken runner, to show that it can fail.
     *
     * <p>The zombie drills' variant is {@code at_least_once} (no transactions) with a commit interval
     * of seconds, Kafka Streams' own default for it being 30 s: the runner's 100 ms leaves so little
     * uncommitted work at the moment of the fault that a duplicate shows only by chance, and a longer
     * one makes the partner redo, visibly, what the zombie already wrote.
     */
    static RunnerFlags variant(String prefix) {
        RunnerFlags flags = new RunnerFlags();
        String guarantee = System.getProperty(prefix + ".guarantee");
        if (guarantee != null) {
            flags = flags.guarantee(guarantee);
        }
        String commitInterval = System.getProperty(prefix + ".commitInterval");
        if (commitInterval != null) {
            flags = flags.commitInterval(commitInterval);
        }
        // each pair as the runner's own --kafkaProperty, which refuses one that is not key=value
        for (String pair : System.getProperty(prefix + ".kafkaProperty", "").split(",")) {
            if (!pair.isBlank()) {
                flags = flags.and(RunnerFlags.verbatim(List.of("--" + RunnerFlags.KAFKA_PROPERTY, pair.trim())));
            }
        }
        return flags;
    }
}
