package dev.pairing.benchmarks.e2e;

import dev.pairing.launcher.runner.StreamsRunnerProcess;
import dev.pairing.runtime.RunnerCommand;
import dev.pairing.streams.StreamsRunnerConfig;
import dev.pairing.streams.StreamsRunnerFlags;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Kafka Streams' own copy of the raw topic: copied to the enriched topic, nothing decoded, no
 * state. It takes the Streams runner's command line and runs on the configuration the runner builds
 * from it ({@link StreamsRunnerConfig#streamsProperties()}: guarantee, commit interval, client
 * properties, stream threads, group membership), so whatever the bench gives the runner, its copy
 * gets too. Whatever the pairing design does, the runner cannot drain faster than Kafka Streams
 * copies, so this is the upper bound of the runner's rate. Run in a JVM of its own on the Streams
 * runner's jar, as the runner is.
 */
public final class StreamsCopyApp {

    private StreamsCopyApp() {}

    public static void main(String[] args) throws Exception {
        int status = RunnerCommand.run(StreamsRunnerFlags.flagSet(), args, System.out, System.err,
                flags -> copy(StreamsRunnerFlags.toConfig(flags)));
        System.exit(status);
    }

    private static int copy(StreamsRunnerConfig config) throws InterruptedException {
        String raw = config.pipeline().rawTopic();
        Properties props = config.streamsProperties();
        config.membership().resolveInstanceId(Path.of(config.stateDir()), config.applicationId())
                .ifPresent(id -> props.put(CommonClientConfigs.GROUP_INSTANCE_ID_CONFIG, id));
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(raw, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(config.pipeline().enrichedTopic(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
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
        System.out.println("streams-copy starting with " + config.describe());
        streams.start();
        stopped.await();
        return streams.state() == KafkaStreams.State.ERROR ? RunnerCommand.FAILED : RunnerCommand.CLEAN;
    }
}
