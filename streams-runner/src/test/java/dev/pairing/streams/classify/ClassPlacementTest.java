package dev.pairing.streams.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.schemas.codec.ComplementClassKey;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class ClassPlacementTest {

    @Test
    void aClassBelongsWhereTheProducersDefaultPartitionerPutsItsKey() {
        PairingRules rules = new PairingRules(2_000);
        for (int partitions = 1; partitions <= 12; partitions++) {
            ClassPlacement placement = new ClassPlacement(rules, partitions);
            for (int cls = 0; cls < rules.classCount(); cls++) {
                assertThat(placement.partitionOf(cls)).as("class %d of %d partitions", cls, partitions)
                        .isEqualTo(BuiltInPartitioner.partitionForKey(ComplementClassKey.encode(cls), partitions));
            }
        }
    }

    @Test
    void aNumberIsHomeOnlyInItsClasssPartition() {
        PairingRules rules = new PairingRules(12);
        ClassPlacement placement = new ClassPlacement(rules, 3);
        int home = placement.partitionOf(5);

        for (int partition = 0; partition < 3; partition++) {
            assertThat(placement.isHome(new SourceEvent(7, partition, 0, 0, null))).isEqualTo(partition == home);
            assertThat(placement.isHome(new SourceEvent(5, partition, 0, 0, null))).isEqualTo(partition == home);
        }
    }
}
