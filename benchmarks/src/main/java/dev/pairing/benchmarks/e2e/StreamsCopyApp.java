package dev.pairing.benchmarks.e2e;

import dev.pairing.flags.FlagSet;
import dev.pairing.flags.KafkaClientProperties;
import dev.pairing.flags.ParsedFlags;
import dev.pairing.launcher.runner.RunnerFlags;
import dev.pairing.launcher.runner.StreamsRunnerProcess;
import dev.pairing.runtime.PipelineFlags;
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

    /** The runner's own flags it is started with (dead-letter and unpaired topics accepted, unused). */
    static FlagSet flags() {
        return new FlagSet("StreamsCopyApp", "Copies the raw topic to the enriched topic with Kafka Streams, exactly once.")
                .kafkaClient("localhost:9092")
                .add(PipelineFlags.RAW_TOPIC, PipelineFlags.ENRICHED_TOPIC, PipelineFlags.DLQ, PipelineFlags.UNPAIRED_TOPIC,
                        PipelineFlags.GROUP_ID)
                .required(RunnerFlags.STATE_DIR, "Kafka Streams' state directory");
    }

    public static void main(String[] args) throws Exception {
        ParsedFlags flags = flags().parseOrExit(args);
        String raw = PipelineFlags.RAW_TOPIC.from(flags);
        Properties props = KafkaClientProperties.from(flags);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, PipelineFlags.GROUP_ID.from(flags));
        props.put(StreamsConfig.STATE_DIR_CONFIG, flags.string(RunnerFlags.STATE_DIR));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(raw, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(PipelineFlags.ENRICHED_TOPIC.from(flags), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        CountDownLatch stopped = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            System.out.println("state " + before + " -> " + now);
            if (now == KafkaStreams.State.RUNNING) {
                // the launcher's readiness line, as the runner logs it
                System.out.println(StreamsRunnerProcess.RUNNING_LINE + "copying " + raw);
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
