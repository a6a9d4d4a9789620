package dev.pairing.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.flink.matching.SourceEventSerializer;
import java.util.List;
import org.apache.flink.api.java.typeutils.runtime.EitherSerializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** The job graph as {@code flink run} would submit it, built without a cluster or a broker. */
class PairingJobTest {

    @Test
    void everyOperatorHasItsStableUidAndNoTypeFallsBackToKryo() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new PairingJob(JobFlags.parse("--groupId", "g")).build(env);

        // building the graph creates every serializer, which fails on a generic type once they are disabled
        StreamGraph graph = env.getStreamGraph();

        List<String> uids = graph.getStreamNodes().stream().map(StreamNode::getTransformationUID).toList();
        assertThat(uids).contains(PairingJob.SOURCE_UID, PairingJob.CLASSIFY_UID, PairingJob.MATCH_UID,
                PairingJob.DEAD_LETTER_SINK_UID, PairingJob.ENRICHED_SINK_UID, PairingJob.UNPAIRED_SINK_UID);
        assertThat(env.getConfig().getSerializerConfig().hasGenericTypesDisabled()).isTrue();
        assertThat(env.getCheckpointConfig().isCheckpointingEnabled()).isTrue();
        assertThat(env.getCheckpointInterval()).isEqualTo(10_000L);
    }

    @Test
    void theKeyedEdgeCarriesFixedLayoutEventsAndChainedOperatorsShareObjects() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new PairingJob(JobFlags.parse("--groupId", "g")).build(env);
        StreamGraph graph = env.getStreamGraph();

        StreamNode match = graph.getStreamNodes().stream()
                .filter(node -> PairingJob.MATCH_UID.equals(node.getTransformationUID())).findFirst().orElseThrow();
        assertThat(match.getTypeSerializersIn()[0]).isInstanceOfSatisfying(EitherSerializer.class,
                either -> assertThat(either.getLeftSerializer()).isSameAs(SourceEventSerializer.INSTANCE));
        assertThat(env.getConfig().isObjectReuseEnabled()).isTrue();
    }

    @Test
    void atParallelismOneTheWholeJobIsOneChainAndAtTwoTheClassesAreShuffledToTheMatcher() throws Exception {
        StreamExecutionEnvironment single = StreamExecutionEnvironment.getExecutionEnvironment();
        single.setParallelism(1);
        new PairingJob(JobFlags.parse("--groupId", "g")).build(single);
        assertThat(single.getStreamGraph().getJobGraph().getNumberOfVertices()).as("one task: nothing serialized between"
                + " steps").isEqualTo(1);

        StreamExecutionEnvironment two = StreamExecutionEnvironment.getExecutionEnvironment();
        two.setParallelism(2);
        new PairingJob(JobFlags.parse("--groupId", "g")).build(two);
        StreamGraph graph = two.getStreamGraph();
        StreamNode match = graph.getStreamNodes().stream()
                .filter(node -> PairingJob.MATCH_UID.equals(node.getTransformationUID())).findFirst().orElseThrow();
        assertThat(match.getInEdges()).singleElement().extracting(edge -> edge.getPartitioner().toString())
                .isEqualTo("HASH");
    }
}
