package dev.pairing.streams.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.placement.ClassKey;
import dev.pairing.placement.ClassPartitioner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.junit.jupiter.api.Test;

class ClassPlacementTest {

    @Test
    void aClassBelongsWhereTheProducersClassPartitionerPutsItsKey() {
        PairingRules rules = new PairingRules(2_000);
        ClassPartitioner producers = new ClassPartitioner();
        for (int partitions = 1; partitions <= 12; partitions++) {
            ClassPlacement placement = new ClassPlacement(rules, partitions);
            Cluster cluster = cluster("raw", partitions);
            for (int cls = 0; cls < rules.classCount(); cls++) {
                assertThat(placement.partitionOf(cls)).as("class %d of %d partitions", cls, partitions)
                        .isEqualTo(producers.partition("raw", null, ClassKey.encode(cls), null, null, cluster));
            }
        }
    }

    @Test
    void theRepartitionTopicPlacesAClassWhereTheRawTopicDoes() {
        PairingRules rules = new PairingRules(12);
        ByClassPartitioner repartition = new ByClassPartitioner();
        for (int partitions = 1; partitions <= 5; partitions++) {
            ClassPlacement placement = new ClassPlacement(rules, partitions);
            for (int cls = 0; cls < rules.classCount(); cls++) {
                assertThat(repartition.partitions("by-class", ClassKey.encode(cls), null, partitions))
                        .contains(Set.of(placement.partitionOf(cls)));
            }
        }
        assertThat(repartition.partitions("by-class", ClassKey.encode(100_000), null, 7)).contains(Set.of(100_000 % 7));
    }

    @Test
    void aNumberIsHomeOnlyInItsClasssPartition() {
        PairingRules rules = new PairingRules(12);
        ClassPlacement placement = new ClassPlacement(rules, 3);
        int home = placement.partitionOf(5);

        for (int partition = 0; partition < 3; partition++) {
            assertThat(placement.isHome(new SourceEvent(7, partition, 0, 0, null))).isEqualTo(partition == home);
            assertThat(placement.isHome(new SourceEvent(5, partition, 0, 0, null))).isEqualTo(partition == home);
            assertThat(placement.isHome(5, partition)).isEqualTo(partition == home);
        }
    }

    private static Cluster cluster(String topic, int partitions) {
        Node node = new Node(1, "localhost", 9092);
        List<PartitionInfo> infos = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            infos.add(new PartitionInfo(topic, p, node, new Node[] {node}, new Node[] {node}));
        }
        return new Cluster("c", List.of(node), infos, Set.of(), Set.of(), node);
    }
}
