package dev.pairing.local.cli;

import dev.pairing.flags.FlagSet;
import dev.pairing.local.Installation;
import dev.pairing.kafka.topics.PipelineTopics;
import dev.pairing.local.kafka.LocalKafka;
import dev.pairing.local.kafka.Topics;
import dev.pairing.local.process.LaunchException;
import dev.pairing.local.process.Ports;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/** {@code pairing kafka}: the local broker alone, in the foreground, with the pipeline's topics. */
final class KafkaCommand {

    private KafkaCommand() {}

    static FlagSet flags() {
        return DataDirFlags.add(new FlagSet("pairing kafka",
                "A real single-node Kafka broker (KRaft) on this machine, in the foreground; Ctrl-C stops it.\n"
                        + "Creates raw-topic, enriched-topic, raw-events-dlq and unpaired-topic if missing.")
                .option("port", "9092", "the client port")
                .option("controllerPort", "9093", "the KRaft controller's port")
                .option("partitions", "3", "partitions of the topics it creates"),
                ".pairing/kafka", "where its data, configuration and log live");
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Usage.withFlags(flags(), args, out, err, flags -> {
            int port = flags.intValue("port", 1, 65535);
            int controllerPort = flags.intValue("controllerPort", 1, 65535);
            int partitions = flags.intValue("partitions", 1, 1000);
            Path dir;
            LocalKafka kafka;
            try {
                // before --fresh deletes anything
                LocalKafka.requirePortsFree(port, controllerPort);
                dir = DataDirFlags.prepare(flags);
                out.printf("starting Kafka on 127.0.0.1:%d ...%n", port);
                kafka = LocalKafka.start(Installation.locate(), dir, port, controllerPort);
                Properties client = new Properties();
                client.put("bootstrap.servers", kafka.bootstrapServers());
                Topics.ensure(client, partitions, PipelineTopics.DEFAULT);
            } catch (Ports.PortTakenException | LaunchException | IllegalStateException e) {
                err.println("pairing kafka: " + e.getMessage());
                return 1;
            }
            out.println("Kafka is up: --bootstrapServers " + kafka.bootstrapServers() + "   topics: "
                    + String.join(", ", PipelineTopics.DEFAULT.all()));
            out.println("data in " + dir + ", log in " + kafka.logFile() + "; Ctrl-C stops it");
            return Foreground.hold(List.of(kafka.process()), kafka::stop, err);
        });
    }
}
