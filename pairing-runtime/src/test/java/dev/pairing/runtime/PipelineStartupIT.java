package dev.pairing.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.kafka.topics.TopicContract;
import dev.pairing.testsupport.EmbeddedKafka;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The start-up sequence both runners run, against a real broker. */
class PipelineStartupIT {

    @RegisterExtension
    static final EmbeddedKafka kafka = new EmbeddedKafka();

    private final List<String> infos = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final PipelineStartup.Report report = new PipelineStartup.Report() {
        @Override
        public void info(String line) {
            infos.add(line);
        }

        @Override
        public void warning(String line) {
            warnings.add(line);
        }
    };

    private PipelineSpec spec(String name, TopicPolicy policy) {
        return PipelineSpec.builder().topics(name + "-raw", name + "-pairs", name + "-dlq", name + "-unpaired")
                .topicPolicy(policy).bootstrapServers(kafka.bootstrapServers()).build();
    }

    @Test
    void missingTopicsAreCreatedAndTheirFactsReported() throws Exception {
        PipelineSpec spec = spec("created", TopicPolicy.builder().partitions(2).build());

        PipelineStartup.Ready ready = PipelineStartup.prepare(spec, TopicContract.DEAD_LETTER_MAX_MESSAGE_BYTES, report);

        assertThat(ready.createdTopics()).containsExactlyInAnyOrderElementsOf(spec.topics().all());
        assertThat(ready.rawPartitions()).isEqualTo(2);
        assertThat(ready.deadLetterLimit()).isEqualTo(TopicContract.DEAD_LETTER_MAX_MESSAGE_BYTES);
        assertThat(ready.spec()).isEqualTo(spec);
        assertThat(infos).anyMatch(line -> line.startsWith("created topics")).anyMatch(line -> line.startsWith("dead letters larger than"));
        assertThat(warnings).isEmpty();
    }

    @Test
    void withTopicCreationOffAMissingTopicIsNamed() {
        PipelineSpec spec = spec("absent", TopicPolicy.builder().partitions(1).createTopics(false).build());

        assertThatThrownBy(() -> PipelineStartup.prepare(spec, TopicContract.DEAD_LETTER_MAX_MESSAGE_BYTES, report))
                .isInstanceOf(StartupException.class).hasMessageContaining("missing topics")
                .hasMessageContaining("absent-raw").hasMessageContaining("--createTopics true");
    }

    @Test
    void aCompactedOutputStopsTheStartAndSaysWhy() throws Exception {
        PipelineSpec spec = spec("compacted", TopicPolicy.DEFAULT);
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(spec.enrichedTopic(), 1, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get(30, TimeUnit.SECONDS);
        }

        assertThatThrownBy(() -> PipelineStartup.prepare(spec, TopicContract.DEAD_LETTER_MAX_MESSAGE_BYTES, report))
                .isInstanceOf(StartupException.class).hasMessageContaining(spec.enrichedTopic())
                .hasMessageContaining("cleanup.policy=compact").hasMessageContaining("--allowCompactedOutputs true");
    }

    @Test
    void aSmallerProducerRequestBoundsTheDeadLetters() throws Exception {
        PipelineStartup.Ready ready = PipelineStartup.prepare(spec("small", TopicPolicy.DEFAULT), 100_000, report);

        assertThat(ready.deadLetterLimit()).isEqualTo(100_000);
        assertThat(warnings).anyMatch(line -> line.contains("truncated dead letter"));
    }

    @Test
    void noBootstrapServersIsAClearRefusal() {
        PipelineSpec spec = PipelineSpec.defaults();

        assertThatThrownBy(() -> PipelineStartup.prepare(spec, 1_000_000, report)).isInstanceOf(StartupException.class)
                .hasMessageContaining("bootstrap.servers");
    }

    @Test
    void anotherPipelineWritingTheOutputsStopsTheStart() throws Exception {
        PipelineSpec spec = spec("shared", TopicPolicy.DEFAULT).toBuilder().groupId("streams-side").build();
        PipelineStartup.prepare(spec, TopicContract.DEAD_LETTER_MAX_MESSAGE_BYTES, report);
        try (KafkaProducer<byte[], byte[]> other = openTransactionOn(spec.enrichedTopic(), "flink-side-enriched-0-1")) {
            assertThatThrownBy(() -> PipelineStartup.prepare(spec, TopicContract.DEAD_LETTER_MAX_MESSAGE_BYTES, report))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("another pipeline is writing " + spec.enrichedTopic())
                    .hasMessageContaining("flink-side-enriched-0-1").hasMessageContaining("--allowSharedOutputs true");

            PipelineSpec allowed = spec.toBuilder().topicPolicy(TopicPolicy.builder().allowSharedOutputs(true).build()).build();
            PipelineStartup.prepare(allowed, TopicContract.DEAD_LETTER_MAX_MESSAGE_BYTES, report);
            assertThat(warnings).anyMatch(line -> line.contains("starting anyway"));
            other.abortTransaction();
        }
    }

    @Test
    void itsOwnOpenTransactionsAreNoOtherPipeline() throws Exception {
        PipelineSpec spec = spec("own", TopicPolicy.DEFAULT).toBuilder().groupId("own-group").build();
        PipelineStartup.prepare(spec, TopicContract.DEAD_LETTER_MAX_MESSAGE_BYTES, report);
        // what a crashed predecessor of the same pipeline leaves open
        try (KafkaProducer<byte[], byte[]> predecessor = openTransactionOn(spec.unpairedTopic(), "own-group-unpaired-0-3")) {
            assertThat(PipelineStartup.prepare(spec, TopicContract.DEAD_LETTER_MAX_MESSAGE_BYTES, report).createdTopics())
                    .isEmpty();
            predecessor.abortTransaction();
        }
    }

    /** A transactional producer that has written to the topic and not committed. */
    private static KafkaProducer<byte[], byte[]> openTransactionOn(String topic, String transactionalId) throws Exception {
        Properties props = kafka.producerProperties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer());
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, new byte[] {1})).get(30, TimeUnit.SECONDS);
        return producer;
    }
}
