package dev.pairing.launcher.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FlinkConfigTest {

    @Test
    void everyPortIsPinnedAndNoneIsUsedTwice() {
        FlinkPorts ports = new FlinkPorts(18081, 16123);
        String yaml = FlinkConfig.configYaml(Path.of("/data/flink"), ports);

        assertThat(yaml).contains("rest.port: 18081", "jobmanager.rpc.port: 16123", "taskmanager.rpc.port: 16122",
                "taskmanager.data.port: 16121", "blob.server.port: 16124",
                "metrics.internal.query-service.port: 16125");
        List<Integer> all = List.of(ports.rest(), ports.rpc(), ports.taskManagerRpc(), ports.taskManagerData(),
                ports.blob(), ports.jobManagerQueryService(), ports.taskManagerQueryService());
        assertThat(all).doesNotHaveDuplicates();
        Matcher zeroPort = Pattern.compile("port: 0\\b").matcher(yaml);
        assertThat(zeroPort.find()).as("a random port").isFalse();
    }

    @Test
    void stateLivesUnderTheDataDirectoryAndSurvivesCancellation() {
        String yaml = FlinkConfig.configYaml(Path.of("/data/flink"), FlinkPorts.DEFAULT);

        assertThat(yaml).contains("execution.checkpointing.dir: file:///data/flink/checkpoints",
                "execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION",
                "restart-strategy.type: exponential-delay");
        Stream.of(yaml.split("\n")).filter(line -> line.contains("/"))
                .forEach(line -> assertThat(line).contains("/data/flink"));
    }

    @Test
    void anOverrideReplacesTheGeneratedEntryAndANewKeyIsAdded() {
        String yaml = FlinkConfig.configYaml(Path.of("/data/flink"), FlinkPorts.DEFAULT,
                Map.of("state.backend.type", "hashmap", "pipeline.object-reuse", "true"));

        assertThat(yaml).contains("state.backend.type: hashmap\n", "pipeline.object-reuse: true\n")
                .doesNotContain("rocksdb");
        assertThat(yaml.lines().filter(line -> line.startsWith("state.backend.type:"))).hasSize(1);
    }

    @Test
    void theRpcPortMustLeaveRoomForItsNeighbours() {
        assertThatThrownBy(() -> new FlinkPorts(8081, 2)).hasMessageContaining("--rpcPort");
        assertThatThrownBy(() -> new FlinkPorts(8081, 65533)).hasMessageContaining("--rpcPort");
    }
}
