package dev.pairing.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.runtime.PipelineSpec;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/** Names of processors, stores and internal topics are part of the deployed state: keep them fixed. */
class TopologyShapeTest {

    @Test
    void everyNodeHasAnExplicitName() {
        for (Topology topology : new Topology[] {PairingTopology.build(PipelineSpec.defaults()),
                PairingTopology.builder(PipelineSpec.defaults()).inputKeyedByClass(3).build()}) {
            String described = topology.describe().toString();
            assertThat(described).doesNotContain("KSTREAM-", "KTABLE-");
            assertThat(nodes(topology)).containsKeys(PairingTopology.SOURCE, PairingTopology.PAIR,
                    PairingTopology.DEAD_LETTER_SINK, PairingTopology.ENRICHED_SINK, PairingTopology.UNPAIRED_SINK,
                    PairingTopology.BY_CLASS_ENTRY, "by-class-repartition-sink", "by-class-repartition-source");
        }
    }

    @Test
    void unkeyedInputIsClassifiedThenPairedAfterTheRepartitionByClass() {
        Topology topology = PairingTopology.build(PipelineSpec.defaults());
        TopologyDescription description = topology.describe();
        Map<String, TopologyDescription.Node> nodes = nodes(topology);

        assertThat(description.subtopologies()).hasSize(2);
        assertThat(description.toString()).contains("topic: by-class-repartition", "stores: [pending]");
        // the store's tasks are sub-topology 1's, as before the processors were fused: their state directories carry on
        assertThat(subtopologyOf(description, PairingTopology.PAIR)).isEqualTo(1);
        assertThat(names(nodes.get(PairingTopology.SOURCE).successors())).containsExactly(PairingTopology.CLASSIFY);
        assertThat(names(nodes.get(PairingTopology.CLASSIFY).successors()))
                .containsExactlyInAnyOrder(PairingTopology.DEAD_LETTER_SINK, PairingTopology.BY_CLASS_ENTRY);
        assertThat(names(nodes.get("by-class-repartition-source").successors())).containsExactly(PairingTopology.PAIR);
        assertThat(names(nodes.get(PairingTopology.PAIR).successors()))
                .containsExactlyInAnyOrder(PairingTopology.ENRICHED_SINK, PairingTopology.UNPAIRED_SINK);
    }

    @Test
    void keyedInputTakesARawRecordFromTheSourceToTheSinksInOneProcessor() {
        Topology topology = PairingTopology.builder(PipelineSpec.defaults()).inputKeyedByClass(3).build();
        TopologyDescription description = topology.describe();
        Map<String, TopologyDescription.Node> nodes = nodes(topology);

        // one sub-topology: the pending store's tasks stay those of the raw partitions
        assertThat(description.subtopologies()).hasSize(1);
        assertThat(description.toString()).contains("topic: by-class-repartition", "stores: [pending]");
        assertThat(names(nodes.get(PairingTopology.SOURCE).successors())).containsExactly(PairingTopology.PAIR);
        assertThat(names(nodes.get(PairingTopology.PAIR).successors())).containsExactlyInAnyOrder(
                PairingTopology.DEAD_LETTER_SINK, PairingTopology.ENRICHED_SINK, PairingTopology.UNPAIRED_SINK,
                PairingTopology.BY_CLASS_ENTRY);
        // numbers found outside their class's partition come back to the same store
        assertThat(names(nodes.get("by-class-repartition-source").successors()))
                .containsExactly(PairingTopology.PAIR_BROUGHT);
        assertThat(names(nodes.get(PairingTopology.PAIR_BROUGHT).successors()))
                .containsExactlyInAnyOrder(PairingTopology.ENRICHED_SINK, PairingTopology.UNPAIRED_SINK);
        assertThat(description.toString()).containsPattern("Processor: " + PairingTopology.PAIR_BROUGHT
                + " \\(stores: \\[pending\\]\\)");
    }

    private static int subtopologyOf(TopologyDescription description, String node) {
        return description.subtopologies().stream()
                .filter(sub -> sub.nodes().stream().anyMatch(n -> n.name().equals(node)))
                .findFirst().orElseThrow().id();
    }

    private static Set<String> names(Set<TopologyDescription.Node> nodes) {
        return nodes.stream().map(TopologyDescription.Node::name).collect(Collectors.toSet());
    }

    private static Map<String, TopologyDescription.Node> nodes(Topology topology) {
        return topology.describe().subtopologies().stream()
                .flatMap(sub -> sub.nodes().stream())
                .collect(Collectors.toMap(TopologyDescription.Node::name, Function.identity()));
    }
}
