package dev.pairing.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.runtime.PipelineSpec;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/** Names of processors, stores and internal topics are part of the deployed state: keep them fixed. */
class TopologyShapeTest {

    @Test
    void everyNodeHasAnExplicitName() {
        String described = PairingTopology.build(PipelineSpec.defaults()).describe().toString();

        assertThat(described).doesNotContain("KSTREAM-", "KTABLE-");
        assertThat(nodeNames(PairingTopology.build(PipelineSpec.defaults()))).contains(PairingTopology.SOURCE, PairingTopology.CLASSIFY,
                PairingTopology.PAIR, PairingTopology.DEAD_LETTER_SINK, PairingTopology.ENRICHED_SINK,
                PairingTopology.UNPAIRED_SINK, "by-class-repartition-sink", "by-class-repartition-source");
    }

    @Test
    void theRepartitionByClassSplitsTheWorkInTwoSubtopologies() {
        TopologyDescription description = PairingTopology.build(PipelineSpec.defaults()).describe();

        assertThat(description.subtopologies()).hasSize(2);
        assertThat(description.toString()).contains("topic: by-class-repartition", "stores: [pending]");
    }

    @Test
    void inputKeyedByClassKeepsOneSubtopologyAndRepartitionsOnlyNumbersAwayFromHome() {
        TopologyDescription description =
                PairingTopology.builder(PipelineSpec.defaults()).inputKeyedByClass(3).build().describe();

        // one sub-topology: the pending store's tasks stay those of the raw partitions
        assertThat(description.subtopologies()).hasSize(1);
        assertThat(description.toString()).contains("topic: by-class-repartition", "stores: [pending]");
        assertThat(nodeNames(PairingTopology.builder(PipelineSpec.defaults()).inputKeyedByClass(1).build())).contains(
                PairingTopology.PLACE + PairingTopology.HOME, PairingTopology.PLACE + PairingTopology.AWAY);
    }

    private static Set<String> nodeNames(Topology topology) {
        return topology.describe().subtopologies().stream()
                .flatMap(sub -> sub.nodes().stream())
                .map(TopologyDescription.Node::name)
                .collect(Collectors.toSet());
    }
}
