package dev.pairing.launcher.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.kafka.CommittedTopicReader;
import dev.pairing.kafka.topics.PipelineTopics;
import dev.pairing.launcher.LocalBuild;
import dev.pairing.launcher.process.Ports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker launcher as tests and chaos drills use it: start, crash it, restart it, data survives. */
class LocalKafkaIT {

    @TempDir
    Path dir;

    private LocalKafka kafka;

    @AfterEach
    void stop() {
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    void aCrashedBrokerRestartsOnItsDataAndATakenPortIsNamed() throws Exception {
        int port = Ports.freePort();
        kafka = LocalKafka.start(LocalBuild.locate(), dir, port, Ports.freePort());
        Properties client = client();
        Topics.ensure(client, 2, new PipelineTopics("numbers", "numbers-enriched", "numbers-dlq", "numbers-unpaired"));
        send(client, "7");

        int controllerPort = Ports.freePort();
        assertThatThrownBy(() -> LocalKafka.start(LocalBuild.locate(), dir.resolve("other"), port, controllerPort))
                .isInstanceOf(Ports.PortTakenException.class).hasMessageContaining("port " + port);

        long pid = kafka.process().pid();
        kafka.kill();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(kafka.isRunning()).isFalse();

        kafka.restart();
        assertThat(kafka.isRunning()).isTrue();
        assertThat(CommittedTopicReader.readAll(client, "numbers")).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly("7");
        assertThat(kafka.logFile()).exists();
    }

    private Properties client() {
        Properties client = new Properties();
        client.put("bootstrap.servers", kafka.bootstrapServers());
        return client;
    }

    private static void send(Properties client, String value) throws Exception {
        Properties props = new Properties();
        props.putAll(client);
        props.put("acks", "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("numbers", value.getBytes(StandardCharsets.UTF_8))).get();
        }
    }
}
