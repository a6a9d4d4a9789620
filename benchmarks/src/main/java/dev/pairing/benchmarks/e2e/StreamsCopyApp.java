package dev.pairing.benchmarks.e2e;

import dev.pairing.flags.FlagSet;
import dev.pairing.flags.ParsedFlags;
import dev.pairing.launcher.runner.RunnerFlags;
import dev.pairing.launcher.runner.StreamsRunnerProcess;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Kafka Streams' own copy of the raw topic: copied to the enriched topic, nothing decoded, no
 * state, under the runner's exactly-once settings (exactly_once_v2, 100 ms commits, one stream
 * thread). Whatever the pairing design does, the runner cannot drain faster than Kafka Streams
 * copies, so the ratio of this to the baseline is an upper bound of the runner's. Run in a JVM of
 * its own on the Streams runner's jar, as the runner is, started the same way with the runner's
 * flags it needs.
 */
public final class StreamsCopyApp {

    private StreamsCopyApp() {}

    static FlagSet flags() {
        return new FlagSet("StreamsCopyApp", "Copies the raw topic to the enriched topic with Kafka Streams, exactly once.")
                .option(RunnerFlags.BOOTSTRAP_SERVERS, "localhost:9092", "Kafka bootstrap servers")
                .required(RunnerFlags.RAW_TOPIC, "the topic copied")
                .required(RunnerFlags.ENRICHED_TOPIC, "where the copy goes")
                .required(RunnerFlags.GROUP_ID, "the application id")
                .required(RunnerFlags.STATE_DIR, "Kafka Streams' state directory")
                // the runner's flags the copy has no use for, accepted so that it starts as the runner does
                .option(RunnerFlags.DEAD_LETTER_TOPIC, null, "(unused)")
                .option(RunnerFlags.UNPAIRED_TOPIC, null, "(unused)");
    }

    public static void main(String[] args) throws InterruptedException {
        ParsedFlags flags = flags().parseOrExit(args);
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, flags.string(RunnerFlags.BOOTSTRAP_SERVERS));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, flags.string(RunnerFlags.GROUP_ID));
        props.put(StreamsConfig.STATE_DIR_CONFIG, flags.string(RunnerFlags.STATE_DIR));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(flags.string(RunnerFlags.RAW_TOPIC), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(flags.string(RunnerFlags.ENRICHED_TOPIC), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        CountDownLatch stopped = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            System.out.println("state " + before + " -> " + now);
            if (now == KafkaStreams.State.RUNNING) {
                // the launcher's readiness line, as the runner logs it
                System.out.println(StreamsRunnerProcess.RUNNING_LINE + "copying " + flags.string(RunnerFlags.RAW_TOPIC));
            }
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(streams::close));
        streams.start();
        stopped.await();
        System.exit(streams.state() == KafkaStreams.State.ERROR ? 1 : 0);
    }
}
