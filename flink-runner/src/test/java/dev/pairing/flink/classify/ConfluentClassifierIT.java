package dev.pairing.flink.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.validation.RejectReason;
import dev.pairing.flink.JobFlags;
import dev.pairing.flink.PairingJob;
import dev.pairing.runtime.PipelineStartup;
import dev.pairing.runtime.StartupException;
import dev.pairing.flink.source.RawRecord;
import dev.pairing.schemas.registry.RegistrySettings;
import dev.pairing.schemas.registry.RegistryUnavailableException;
import dev.pairing.testsupport.EmbeddedRegistry;
import dev.pairing.testsupport.ForeignWriterSchemas;
import java.time.Duration;
import java.util.Arrays;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.types.Either;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Flink side of Confluent-framed input, against a real registry: the same verdicts as Kafka Streams'. */
class ConfluentClassifierIT {

    @RegisterExtension
    static final EmbeddedRegistry registry = new EmbeddedRegistry();

    @Test
    void compatibleVersionsGoOnAndWhatTheRegistryRefusesIsADeadLetter() throws Exception {
        int v1 = registry.register("raw-topic-value", ForeignWriterSchemas.V1.toString());
        int v2 = registry.register("raw-topic-value", ForeignWriterSchemas.V2.toString());
        RegistrySettings settings = JobFlags.parse("--schemaRegistry", registry.url()).pipeline().registry().orElseThrow();
        // the function travels to the TaskManagers serialized, settings and all
        RawRecordClassifier classifier = InstantiationUtil.clone(new RawRecordClassifier(12, "raw-topic", settings));
        byte[] truncated = ForeignWriterSchemas.framed(v2, ForeignWriterSchemas.V2, 5, 4);

        try (OneInputStreamOperatorTestHarness<RawRecord, Either<SourceEvent, DeadLetterRecord>> harness =
                ClassifierOutputs.harness(classifier)) {
            harness.processElement(raw(ForeignWriterSchemas.framed(v1, ForeignWriterSchemas.V1, 5, 1), 0), 10);
            harness.processElement(raw(ForeignWriterSchemas.framed(v2, ForeignWriterSchemas.V2, 7, 2), 1), 20);
            harness.processElement(raw(ForeignWriterSchemas.framed(424_242, ForeignWriterSchemas.V1, 7, 3), 2), 30);
            harness.processElement(raw(Arrays.copyOf(truncated, truncated.length - 2), 3), 40);

            assertThat(ClassifierOutputs.valid(harness)).containsExactly(
                    new SourceEvent(5, 0, 0, 10, 1L), new SourceEvent(7, 0, 1, 20, 2L));
            assertThat(ClassifierOutputs.deadLetters(harness)).extracting(letter -> letter.deadLetter().reason())
                    .containsExactly(RejectReason.UNKNOWN_SCHEMA_ID, RejectReason.TRUNCATED_AVRO);
        }
    }

    @Test
    void aRegistryUrlThatIsNotTheConfluentApiStopsTheSubmissionInOneLine() throws Exception {
        String base = registry.url().replace("/apis/ccompat/v7", "");

        assertThatThrownBy(() -> PairingJob.prepare(JobFlags.parse("--schemaRegistry", base),
                PipelineStartup.Report.printing(line -> { })))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("does not answer like Confluent's Schema Registry API")
                .hasMessageContaining(base + "/subjects");
    }

    @Test
    void aRegistryThatStaysDownFailsTheTaskInsteadOfDeadLettering() throws Exception {
        RegistrySettings nowhere = RegistrySettings.of("http://127.0.0.1:1/apis/ccompat/v7")
                .withUnavailableBudget(Duration.ofMillis(300));

        try (OneInputStreamOperatorTestHarness<RawRecord, Either<SourceEvent, DeadLetterRecord>> harness =
                ClassifierOutputs.harness(new RawRecordClassifier(12, "raw-topic", nowhere))) {
            assertThatThrownBy(() -> harness.processElement(
                    raw(ForeignWriterSchemas.framed(1, ForeignWriterSchemas.V1, 5, 1), 0), 10))
                    .isInstanceOf(RegistryUnavailableException.class);
            assertThat(ClassifierOutputs.deadLetters(harness)).isEmpty();
        }
    }

    private static RawRecord raw(byte[] value, long offset) {
        return new RawRecord(null, value, 0, offset, 10 * (offset + 1));
    }
}
