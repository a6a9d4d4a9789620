package dev.pairing.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.junit.jupiter.api.Test;

class ClassPartitionerTest {

    private static final String TOPIC = "raw";

    @Test
    void aClassKeyedRecordGoesToItsClasssPartition() {
        ClassPartitioner partitioner = new ClassPartitioner();
        for (int partitions = 1; partitions <= 8; partitions++) {
            Cluster cluster = cluster(partitions);
            for (int cls = 0; cls <= 6; cls++) {
                assertThat(partitioner.partition(TOPIC, null, ClassKey.encode(cls), null, new byte[0], cluster))
                        .as("class %d of %d partitions", cls, partitions)
                        .isEqualTo(ClassSpread.partitionOf(cls, partitions));
            }
        }
    }

    @Test
    void anotherKeyIsPlacedAsKafkasDefaultPartitionerPlacesIt() {
        Cluster cluster = cluster(5);
        for (String key : List.of("x", "-3", "012a", "a long key that names no class")) {
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            assertThat(new ClassPartitioner().partition(TOPIC, null, bytes, null, null, cluster))
                    .isEqualTo(BuiltInPartitioner.partitionForKey(bytes, 5));
        }
    }

    @Test
    void aRecordWithoutAKeyGoesToSomePartition() {
        Cluster cluster = cluster(3);
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            seen.add(new ClassPartitioner().partition(TOPIC, null, null, null, null, cluster));
        }
        assertThat(seen).allMatch(p -> p >= 0 && p < 3);
    }

    private static Cluster cluster(int partitions) {
        Node node = new Node(1, "localhost", 9092);
        List<PartitionInfo> infos = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            infos.add(new PartitionInfo(TOPIC, p, node, new Node[] {node}, new Node[] {node}));
        }
        return new Cluster("c", List.of(node), infos, Set.of(), Set.of(), node);
    }
}
