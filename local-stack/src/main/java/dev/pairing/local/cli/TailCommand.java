package dev.pairing.local.cli;

import dev.pairing.flags.FlagSet;
import dev.pairing.flags.KafkaClientProperties;
import dev.pairing.kafka.CommittedTopicReader;
import dev.pairing.local.view.RecordLine;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code pairing tail TOPIC}: a topic's committed records decoded, one per line, whatever the topic:
 * pairs, dead letters with their reason headers, unpaired numbers, or raw numbers.
 */
final class TailCommand {

    private TailCommand() {}

    static FlagSet flags() {
        return new FlagSet("pairing tail TOPIC",
                "Prints a topic's committed records decoded, one per line (partition@offset first).")
                .kafkaClient("127.0.0.1:9092")
                .option("topic", null, "the topic, if not given as the first argument")
                .option("from", "beginning", "beginning or end")
                .option("follow", "true", "true: keep waiting for new records; false: stop at the end")
                .option("limit", "0", "stop after this many records; 0 = no limit");
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String positional = args.length > 0 && !args[0].startsWith("--") ? args[0] : null;
        String[] flagArgs = positional == null ? args : Arrays.copyOfRange(args, 1, args.length);
        return Usage.withFlags(flags(), flagArgs, out, err, flags -> {
            String topic = positional != null ? positional : flags.string("topic");
            if (topic == null) {
                throw new dev.pairing.flags.UsageException("name the topic: pairing tail TOPIC");
            }
            Properties client = KafkaClientProperties.from(flags);
            boolean fromEnd = flags.choice("from", "beginning", "end").equals("end");
            boolean follow = Boolean.parseBoolean(flags.choice("follow", "true", "false"));
            long limit = flags.longValue("limit", 0, Long.MAX_VALUE);
            return tail(client, topic, fromEnd, follow, limit, out);
        });
    }

    static int tail(Properties client, String topic, boolean fromEnd, boolean follow, long limit, PrintStream out) {
        AtomicBoolean stop = new AtomicBoolean();
        Thread hook = new Thread(() -> stop.set(true), "tail-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        RecordLine lines = RecordLine.forClient(client);
        long printed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = CommittedTopicReader.committedConsumer(client)) {
            List<TopicPartition> partitions = CommittedTopicReader.partitions(consumer, topic);
            consumer.assign(partitions);
            if (fromEnd) {
                consumer.seekToEnd(partitions);
            } else {
                consumer.seekToBeginning(partitions);
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (!stop.get() && (limit == 0 || printed < limit)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    out.println("p" + record.partition() + "@" + record.offset() + "  " + lines.describe(record).line());
                    if (limit > 0 && ++printed >= limit) {
                        break;
                    }
                }
                if (!follow && reached(consumer, new ArrayList<>(partitions), ends)) {
                    break;
                }
            }
        }
        out.flush();
        return Foreground.removeHook(hook) ? 0 : -1;
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
            Map<TopicPartition, Long> ends) {
        return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
    }
}
