package dev.pairing.testsupport;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node KRaft broker in the test's JVM, on ephemeral ports, configured for
 * transactions. Register it as a static {@code @RegisterExtension} field: it starts before the
 * class's tests and stops after them.
 */
public final class EmbeddedKafka implements TestKafka, BeforeAllCallback, AfterAllCallback {

    private final Map<String, String> brokerConfig = new HashMap<>();
    private KafkaClusterTestKit cluster;

    public EmbeddedKafka() {
        brokerConfig.put("offsets.topic.replication.factor", "1");
        brokerConfig.put("offsets.topic.num.partitions", "5");
        brokerConfig.put("transaction.state.log.replication.factor", "1");
        brokerConfig.put("transaction.state.log.min.isr", "1");
        brokerConfig.put("transaction.state.log.num.partitions", "5");
        brokerConfig.put("share.coordinator.state.topic.replication.factor", "1");
        brokerConfig.put("share.coordinator.state.topic.min.isr", "1");
        brokerConfig.put("group.initial.rebalance.delay.ms", "0");
        brokerConfig.put("auto.create.topics.enable", "false");
    }

    /** Adds or overrides a broker property; call before the broker starts. */
    public EmbeddedKafka withBrokerProperty(String key, String value) {
        brokerConfig.put(key, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    public void start() throws Exception {
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build());
        brokerConfig.forEach(builder::setConfigProp);
        cluster = builder.build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    public void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }
}
