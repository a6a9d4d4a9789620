package dev.pairing.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.flags.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProducerCliTest {

    @Test
    void countAndDurationExcludeEachOther() {
        assertThatThrownBy(() -> ProducerCli.settings(ProducerCli.flags().parse("--count", "10", "--duration", "5s")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--count and --duration");
    }

    @Test
    void flagsBecomeSettings() throws UsageException {
        NumberProducer.Settings settings = ProducerCli.settings(ProducerCli.flags().parse(
                "--topic", "numbers", "--rate", "0", "--duration", "2m", "--corruptRate", "0.25", "--seed", "42",
                "--format", "TEXT", "--pairSum", "20"));

        assertThat(settings).isEqualTo(new NumberProducer.Settings("numbers", 20, 0.25, NumberStream.Format.TEXT, 42,
                0, -1, Duration.ofMinutes(2)));
    }

    @Test
    void acksAreEveryReplicaUnlessTheLeaderAloneIsAskedFor() throws UsageException {
        assertThat(ProducerCli.acks(ProducerCli.flags().parse())).isEqualTo(NumberProducer.Acks.ALL);
        assertThat(ProducerCli.acks(ProducerCli.flags().parse("--acks", "1"))).isEqualTo(NumberProducer.Acks.LEADER);
        assertThatThrownBy(() -> ProducerCli.acks(ProducerCli.flags().parse("--acks", "0")))
                .isInstanceOf(UsageException.class).hasMessageContaining("--acks");
        assertThat(NumberProducer.producerProperties(new Properties(), NumberProducer.Acks.LEADER))
                .containsEntry("acks", "1").containsEntry("enable.idempotence", "false");
        Properties weakened = new Properties();
        weakened.put("acks", "0");
        assertThat(NumberProducer.producerProperties(weakened, NumberProducer.Acks.ALL))
                .as("a client setting cannot weaken the default").containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true");
    }

    @Test
    void withoutASeedARandomOneIsChosenAndPrintedSoARunCanBeRepeated() throws UsageException {
        NumberProducer.Settings settings = ProducerCli.settings(ProducerCli.flags().parse());

        assertThat(settings.count()).isEqualTo(-1);
        assertThat(settings.duration()).isNull();
        assertThat(settings.corruptRate()).isEqualTo(0.01);
        assertThat(settings.format()).isEqualTo(NumberStream.Format.AVRO);
    }

    @Test
    void aBadCommandLineExitsWithTwoAndSaysWhy() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = ProducerCli.run(new String[] {"--rate", "fast"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--rate must be a number").contains("Usage:");
    }
}
