package dev.pairing.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.flags.UsageException;
import dev.pairing.local.chaos.ChaosPlan;
import dev.pairing.local.chaos.ChaosTarget;
import dev.pairing.launcher.flink.FlinkPorts;
import dev.pairing.launcher.kafka.KafkaNodes;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoSettingsTest {

    @Test
    void theDefaultsAreTheOriginalPortsAModestRateAndStreams() throws UsageException {
        DemoSettings settings = parse();

        assertThat(settings.engine()).isEqualTo("streams");
        assertThat(settings.rate()).isEqualTo(50);
        assertThat(settings.duration()).isNull();
        assertThat(settings.kafka()).isEqualTo(new KafkaNodes(1, 9092, 9093));
        assertThat(settings.flinkPorts()).isEqualTo(FlinkPorts.DEFAULT);
        assertThat(settings.fresh()).isFalse();
        assertThat(settings.engineDir()).isEqualTo(Path.of(".pairing/streams").toAbsolutePath().normalize());
    }

    @Test
    void aBareFreshFlagMeansTrue() throws UsageException {
        assertThat(parse("--fresh").fresh()).isTrue();
        assertThat(parse("--fresh", "--engine", "flink").fresh()).isTrue();
        assertThat(parse("--fresh", "false").fresh()).isFalse();
    }

    @Test
    void flagsBecomeSettings() throws UsageException {
        DemoSettings settings = parse("--engine", "FLINK", "--rate", "0", "--duration", "90s", "--restPort", "18081",
                "--rpcPort", "16123", "--dataDir", "/tmp/x");

        assertThat(settings.engine()).isEqualTo("flink");
        assertThat(settings.duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(settings.flinkPorts()).isEqualTo(new FlinkPorts(18081, 16123));
        assertThat(settings.engineDir()).isEqualTo(Path.of("/tmp/x/flink"));
    }

    @Test
    void threeBrokersTakeConsecutivePortsAndTheControllersTheNextOnes() throws UsageException {
        assertThat(parse("--brokers", "3").kafka()).isEqualTo(new KafkaNodes(3, 9092, 9095));
        assertThat(parse("--brokers", "3", "--port", "19092", "--controllerPort", "29092").kafka())
                .isEqualTo(new KafkaNodes(3, 19092, 29092));
        assertThat(parse("--brokers", "3").kafka().describe()).isEqualTo("3 nodes, replication factor 3, min.insync.replicas 2");
    }

    @Test
    void badValuesNameTheirFlag() {
        assertThatThrownBy(() -> parse("--brokers", "3", "--controllerPort", "9093")).isInstanceOf(UsageException.class)
                .hasMessageContaining("9092-9094").hasMessageContaining("9093-9095").hasMessageContaining("--controllerPort");
        assertThatThrownBy(() -> parse("--brokers", "0")).hasMessageContaining("--brokers");
        assertThatThrownBy(() -> parse("--engine", "spark")).hasMessageContaining("--engine");
        assertThatThrownBy(() -> parse("--duration", "0s")).hasMessageContaining("--duration");
        assertThatThrownBy(() -> parse("--rpcPort", "65534")).hasMessageContaining("--rpcPort");
    }

    @Test
    void chaosStartsThreeBrokersRunsNinetySecondsAndPlansItsKillsFromTheSeed() throws UsageException {
        DemoSettings settings = parse("--chaos", "--seed", "5");

        assertThat(settings.kafka()).isEqualTo(new KafkaNodes(3, 9092, 9095));
        assertThat(settings.duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(settings.chaos()).isEqualTo(ChaosPlan.random(5, Duration.ofSeconds(90), ChaosTarget.RUNNER));
        assertThat(parse("--chaos", "--engine", "flink", "--duration", "80s").chaos().kills())
                .extracting(ChaosPlan.Kill::target).contains(ChaosTarget.TASKMANAGER);
        assertThat(parse("--chaos", "--brokers", "5").kafka().brokers()).isEqualTo(5);
        assertThat(parse().chaos()).isNull();
        assertThat(parse("--chaos", "false").chaos()).isNull();
    }

    @Test
    void chaosRefusesFewerThanThreeBrokersAndTooShortADuration() {
        assertThatThrownBy(() -> parse("--chaos", "--brokers", "1")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--brokers 3");
        assertThatThrownBy(() -> parse("--chaos", "--duration", "20s")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--duration");
    }

    @Test
    void theGuaranteeIsExactlyOnceUnlessAtLeastOnceIsAskedFor() throws UsageException {
        assertThat(parse().atLeastOnce()).isFalse();
        assertThat(parse("--guarantee", "at_least_once").atLeastOnce()).isTrue();
        assertThatThrownBy(() -> parse("--guarantee", "maybe")).hasMessageContaining("--guarantee");
    }

    private static DemoSettings parse(String... args) throws UsageException {
        return DemoSettings.from(DemoSettings.flags().parse(DemoSettings.normalise(args)));
    }
}
