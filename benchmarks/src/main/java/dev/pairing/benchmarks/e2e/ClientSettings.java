package dev.pairing.benchmarks.e2e;

import dev.pairing.launcher.runner.RunnerFlags;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The one set of Kafka client settings every drain runs with: the baseline's copy loop, both
 * engines and both engines' copies (the engines get them as {@code --kafkaProperty}). Issue 23 found
 * the baseline on 256 KiB batches and 5,000-record polls while the engines ran on client defaults
 * (16 KiB batches, 500 or 1,000-record polls, Kafka Streams' 100 ms linger), so the ratios compared
 * clients as much as engines. These are tuned for all of them at once; each engine applies a plain
 * key to every client it has, so a producer key reaches its producers and a consumer key its consumers.
 */
final class ClientSettings {

    /** In the order the settings line prints them. */
    static final Map<String, String> EVERY_RUN = settings();

    private ClientSettings() {}

    private static Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        // large batches: one request carries thousands of small records, for every producer alike
        m.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        // Kafka 4's producer default; Kafka Streams' own default is 100 ms, which holds batches for a whole commit
        m.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // one poll hands over up to 5,000 records (consumer default 500, Kafka Streams' 1,000)
        m.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** {@code props} with the settings a consumer knows added, replacing what it had for the same keys. */
    static Properties consumer(Properties props) {
        return only(ConsumerConfig.configNames(), props);
    }

    /** {@code props} with the settings a producer knows added, replacing what it had for the same keys. */
    static Properties producer(Properties props) {
        return only(ProducerConfig.configNames(), props);
    }

    private static Properties only(Set<String> known, Properties props) {
        EVERY_RUN.forEach((k, v) -> {
            if (known.contains(k)) {
                props.put(k, v);
            }
        });
        return props;
    }

    /** The settings as a runner's {@code --kafkaProperty} flags. */
    static RunnerFlags asRunnerFlags() {
        RunnerFlags flags = new RunnerFlags();
        EVERY_RUN.forEach(flags::kafkaProperty);
        return flags;
    }

    /** e.g. {@code batch.size=262144 linger.ms=5 max.poll.records=5000}, for the settings line. */
    static String describe() {
        StringBuilder s = new StringBuilder();
        EVERY_RUN.forEach((k, v) -> s.append(s.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return s.toString();
    }
}
