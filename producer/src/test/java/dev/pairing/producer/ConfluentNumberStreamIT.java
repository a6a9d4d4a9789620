package dev.pairing.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.core.PairingRules;
import dev.pairing.core.validation.Decoded;
import dev.pairing.core.validation.NumberValidator;
import dev.pairing.core.validation.Verdict;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.schemas.registry.RegistryRefusedException;
import dev.pairing.schemas.registry.SchemaRegistryClient;
import dev.pairing.testsupport.EmbeddedRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code --format confluent}: the schema registered as a Confluent serializer would, and records that read back. */
class ConfluentNumberStreamIT {

    @RegisterExtension
    static final EmbeddedRegistry registry = new EmbeddedRegistry();

    @Test
    void registersUnderTheTopicsSubjectAndWritesWhatTheRunnersReadAsTheSameValues() {
        Properties client = new Properties();
        client.setProperty("schema.registry.url", registry.url());
        int id = ValueSchemaRegistration.register(client, "numbers", new PrintStream(new ByteArrayOutputStream()));
        assertThat(ValueSchemaRegistration.register(client, "numbers", new PrintStream(new ByteArrayOutputStream())))
                .as("registering again finds the same schema").isEqualTo(id);

        PairingRules rules = new PairingRules(12);
        NumberValidator validator = new NumberValidator(rules);
        SchemaRegistryClient reader = registry.client();
        RawValueCodec confluentCodec = new RawValueCodec(reader);
        RawValueCodec plainCodec = new RawValueCodec();
        NumberStream confluent = new NumberStream(12, 0.2, NumberStream.Format.CONFLUENT, 42, id);
        NumberStream avro = new NumberStream(12, 0.2, NumberStream.Format.AVRO, 42);
        for (int i = 0; i < 2_000; i++) {
            NumberStream.Generated framed = confluent.next(i);
            NumberStream.Generated single = avro.next(i);
            Decoded fromFramed = confluentCodec.decode(framed.value());
            assertThat(framed.kind()).isEqualTo(single.kind());
            if (framed.kind() == NumberStream.Kind.VALID) {
                assertThat(fromFramed).as("record %d", i).isEqualTo(plainCodec.decode(single.value()));
            } else {
                assertThat(validator.validate(fromFramed)).as("record %d", i).isInstanceOf(Verdict.Rejected.class);
            }
        }
    }

    @Test
    void aSubjectThatRefusesTheSchemaStopsTheProducerBeforeItSends() throws Exception {
        registry.register("strict-value", "{\"type\":\"record\",\"name\":\"NumberEvent\","
                + "\"namespace\":\"dev.pairing.schemas.avro\",\"fields\":[{\"name\":\"value\",\"type\":\"string\"}]}");
        registry.setCompatibility("strict-value", "BACKWARD");
        Properties client = new Properties();
        client.setProperty("schema.registry.url", registry.url());

        assertThatThrownBy(() -> ValueSchemaRegistration.register(client, "strict",
                new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(RegistryRefusedException.class)
                .hasMessageContaining("refused the schema for subject strict-value (HTTP 409)");
    }
}
