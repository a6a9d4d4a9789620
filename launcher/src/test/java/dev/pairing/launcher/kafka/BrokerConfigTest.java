package dev.pairing.launcher.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {

    @Test
    void extraPropertiesOverrideTheGeneratedOnesAndAddNewOnes() throws Exception {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("listeners", "PLAINTEXT://127.0.0.1:9092,SASL_PLAINTEXT://127.0.0.1:9094,CONTROLLER://127.0.0.1:9093");
        extra.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");

        Properties read = new Properties();
        read.load(new StringReader(BrokerConfig.serverProperties(Path.of("/data"), 9092, 9093)
                + BrokerConfig.extraProperties(extra)));

        assertThat(read.getProperty("listeners")).isEqualTo(extra.get("listeners"));
        assertThat(read.getProperty("sasl.enabled.mechanisms")).isEqualTo("SCRAM-SHA-512");
        assertThat(read.getProperty("node.id")).isEqualTo("1");
    }

    @Test
    void aSingleNodeKeepsOneReplicaOfEverything() throws Exception {
        Properties read = new Properties();
        read.load(new StringReader(BrokerConfig.serverProperties(Path.of("/data"), 9092, 9093)));

        assertThat(read.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:9093");
        assertThat(read.getProperty("transaction.state.log.replication.factor")).isEqualTo("1");
        assertThat(read.getProperty("transaction.state.log.min.isr")).isEqualTo("1");
        assertThat(read.getProperty("min.insync.replicas")).isEqualTo("1");
    }

    @Test
    void aNodeOfThreeListensOnItsOwnPortsAndReplicatesEverythingThreeTimes() throws Exception {
        Properties read = new Properties();
        read.load(new StringReader(BrokerConfig.serverProperties(Path.of("/data"), new ClusterMember(2, 3, 9092, 9192))));

        assertThat(read.getProperty("node.id")).isEqualTo("2");
        assertThat(read.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9093,CONTROLLER://127.0.0.1:9193");
        assertThat(read.getProperty("controller.quorum.voters"))
                .isEqualTo("1@127.0.0.1:9192,2@127.0.0.1:9193,3@127.0.0.1:9194");
        for (String key : new String[] {"default.replication.factor", "offsets.topic.replication.factor",
                "transaction.state.log.replication.factor", "share.coordinator.state.topic.replication.factor"}) {
            assertThat(read.getProperty(key)).as(key).isEqualTo("3");
        }
        for (String key : new String[] {"min.insync.replicas", "transaction.state.log.min.isr",
                "share.coordinator.state.topic.min.isr"}) {
            assertThat(read.getProperty(key)).as(key).isEqualTo("2");
        }
    }

    @Test
    void aFurtherClientListenerIsOpenedAndAdvertisedWhereItsClientsAreToCome() throws Exception {
        ClientListener relayed = new ClientListener("RELAYED", List.of("127.0.0.1:9392", "127.0.0.1:9393"),
                List.of("10.213.1.1:40001", "10.213.1.1:40002"));
        NodePlacement placement = NodePlacement.LOOPBACK.withListener(relayed);
        Properties read = new Properties();
        read.load(new StringReader(BrokerConfig.serverProperties(Path.of("/data"),
                new ClusterMember(2, 2, 9092, 9192, placement))));

        assertThat(read.getProperty("listeners"))
                .isEqualTo("PLAINTEXT://127.0.0.1:9093,CONTROLLER://127.0.0.1:9193,RELAYED://127.0.0.1:9393");
        assertThat(read.getProperty("advertised.listeners"))
                .isEqualTo("PLAINTEXT://127.0.0.1:9093,RELAYED://10.213.1.1:40002");
        assertThat(read.getProperty("listener.security.protocol.map")).contains("RELAYED:PLAINTEXT");
        assertThat(read.getProperty("inter.broker.listener.name")).isEqualTo("PLAINTEXT");
        assertThat(relayed.bootstrapServers()).isEqualTo("10.213.1.1:40001,10.213.1.1:40002");
    }

    @Test
    void aListenerMustFitTheClusterAndNotTakeANameInUse() {
        ClientListener two = ClientListener.at("HOSTS", "10.213.1.1", 19092, 2);
        assertThat(two.listen()).containsExactly("10.213.1.1:19092", "10.213.1.1:19093");
        assertThatThrownBy(
                () -> new ClusterMember(1, 3, 9092, 9192, NodePlacement.LOOPBACK.withListener(two)))
                .hasMessageContaining("2 nodes, the cluster 3");
        assertThatThrownBy(() -> ClientListener.at("CONTROLLER", "10.213.1.1", 1, 1))
                .hasMessageContaining("not one of");
    }

    @Test
    void transactionsMayStayOpenForHoursSoAFlinkJobDownThatLongLosesNoOutput() throws Exception {
        Properties read = new Properties();
        read.load(new StringReader(BrokerConfig.serverProperties(Path.of("/data"), 9092, 9093)));

        assertThat(read.getProperty("transaction.max.timeout.ms")).isNotNull();
        assertThat(Duration.ofMillis(Long.parseLong(read.getProperty("transaction.max.timeout.ms"))))
                .isGreaterThanOrEqualTo(Duration.ofHours(1));
    }

    @Test
    void withoutExtraPropertiesNothingIsAdded() {
        assertThat(BrokerConfig.extraProperties(Map.of())).isEmpty();
    }
}
