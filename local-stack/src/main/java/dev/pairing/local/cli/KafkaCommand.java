package dev.pairing.local.cli;

import dev.pairing.flags.FlagSet;
import dev.pairing.kafka.topics.PipelineTopics;
import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.kafka.KafkaNodes;
import dev.pairing.launcher.kafka.RunningKafka;
import dev.pairing.launcher.kafka.Topics;
import dev.pairing.local.demo.DemoSettings;
import dev.pairing.runtime.PipelineFlags;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Properties;

/** {@code pairing kafka}: the local broker alone, in the foreground, with the pipeline's topics. */
final class KafkaCommand {

    private KafkaCommand() {}

    static FlagSet flags() {
        return DataDirFlags.add(KafkaNodes.addFlags(new FlagSet("pairing kafka",
                "A real Kafka (KRaft) on this machine, one node or several, in the foreground; Ctrl-C stops it.\n"
                        + "Creates raw-topic, enriched-topic, raw-events-dlq and unpaired-topic if missing."))
                .add(PipelineFlags.PARTITIONS),
                ".pairing/kafka", "where its data, configuration and log live");
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Usage.withFlags(flags(), DemoSettings.normalise(args), out, err, flags -> {
            KafkaNodes nodes = KafkaNodes.from(flags);
            int partitions = PipelineFlags.PARTITIONS.from(flags);
            // before --fresh deletes anything; what fails here PairingCommand prints, without a stack trace
            nodes.requirePortsFree();
            Path dir = DataDirFlags.prepare(flags);
            out.printf("starting Kafka (%s) on 127.0.0.1:%d ...%n", nodes.describe(), nodes.port());
            RunningKafka kafka = nodes.start(LocalBuild.locate(), dir);
            Properties client = new Properties();
            client.put("bootstrap.servers", kafka.bootstrapServers());
            Topics.ensure(client, partitions, PipelineTopics.DEFAULT);
            out.println("Kafka is up: --bootstrapServers " + kafka.bootstrapServers() + "   topics: "
                    + String.join(", ", PipelineTopics.DEFAULT.all()));
            out.println("data in " + dir + ", log in " + kafka.logFile() + "; Ctrl-C stops it");
            return Foreground.hold(kafka.processes(), kafka::stop, err);
        });
    }
}
