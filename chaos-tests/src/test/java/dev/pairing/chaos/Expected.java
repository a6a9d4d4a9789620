package dev.pairing.chaos;

import dev.pairing.core.PairingOracle;
import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.kafka.CommittedTopicReader;
import dev.pairing.schemas.codec.RawValueCodec;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a pipeline's outputs must add up to once it has caught up: pairing-core's oracle fed the
 * raw topic as it lies, partition by partition (for class-keyed input that is each class's order).
 * Only the counts, to know when to stop waiting; verify then checks record by record.
 */
record Expected(long raw, long pairs, long deadLetters, long unpaired, long pending) {

    static Expected fromRawTopic(String bootstrapServers, String rawTopic, Properties client) {
        Properties props = new Properties();
        props.putAll(client);
        props.put("bootstrap.servers", bootstrapServers);
        List<ConsumerRecord<byte[], byte[]>> raw = CommittedTopicReader.readAllIfExists(props, rawTopic);
        PairingOracle oracle = new PairingOracle(new PairingRules(Pipeline.PAIR_SUM), PendingLimits.DEFAULT);
        RawValueCodec codec = new RawValueCodec();
        for (ConsumerRecord<byte[], byte[]> record : raw) {
            oracle.accept(codec.decode(record.value()), record.partition(), record.offset(), record.timestamp());
        }
        return new Expected(raw.size(), oracle.pairs().size(), oracle.rejections().size(), oracle.unpaired().size(),
                oracle.pendingCount());
    }

    @Override
    public String toString() {
        return String.format("%,d raw: %,d pairs, %,d dead letters, %,d unpaired, %,d pending", raw, pairs,
                deadLetters, unpaired, pending);
    }
}
