package dev.pairing.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.core.matching.UnpairedReason;
import dev.pairing.core.validation.Decoded;
import dev.pairing.core.validation.RejectReason;
import dev.pairing.launcher.registry.LocalRegistry;
import dev.pairing.registry.ApicurioRegistry;
import dev.pairing.schemas.avro.NumberPair;
import dev.pairing.schemas.avro.UnpairedNumber;
import dev.pairing.schemas.registry.RegistryRefusedException;
import dev.pairing.schemas.registry.RegistrySettings;
import dev.pairing.schemas.registry.RegistryUnavailableException;
import dev.pairing.schemas.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw values in Confluent's wire format, with writer schemas registered in a real Apicurio Registry. */
class ConfluentRawValueCodecIT {

    static final Schema V1 = new Schema.Parser().parse("""
            {"type":"record","name":"NumberEvent","namespace":"dev.pairing.schemas.avro",
             "fields":[{"name":"value","type":"long"}]}""");
    /** A newer producer's version: the current one plus a field this project does not know, with a default. */
    static final Schema V3 = new Schema.Parser().parse("""
            {"type":"record","name":"NumberEvent","namespace":"dev.pairing.schemas.avro",
             "fields":[{"name":"value","type":"long"},
                       {"name":"sequence","type":["null","long"],"default":null},
                       {"name":"producedAt","type":["null","long"],"default":null},
                       {"name":"origin","type":"string","default":"unknown"}]}""");

    @TempDir
    static Path dir;
    static LocalRegistry registry;
    static SchemaRegistryClient client;
    static int v1;
    static int v3;
    static int pair;

    @BeforeAll
    static void registerSchemas() {
        registry = LocalRegistry.startOnFreePort(dir.resolve("registry"));
        client = new SchemaRegistryClient(RegistrySettings.of(registry.url()));
        v1 = client.register("raw-topic-value", V1.toString());
        v3 = client.register("raw-topic-value", V3.toString());
        pair = client.register("enriched-topic-value", NumberPair.getClassSchema().toString());
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void readsEveryCompatibleWriterVersion() {
        RawValueCodec codec = new RawValueCodec(client);

        assertThat(codec.decode(framed(v1, V1, Map.of("value", 5L)))).isEqualTo(Decoded.number(5, null));
        assertThat(codec.decode(framed(v3, V3, Map.of("value", 7L, "sequence", 42L, "origin", "python"))))
                .isEqualTo(Decoded.number(7, 42L));
    }

    @Test
    void outputsWrittenDirectlyReadBackThroughTheRegistry() {
        int unpaired = client.register("unpaired-topic-value", UnpairedNumber.getClassSchema().toString());
        OutputEncoding encoding = OutputEncoding.confluent(pair, unpaired);
        OutputReader reader = new OutputReader(client);
        SourceEvent waited = new SourceEvent(5, 2, Long.MAX_VALUE, -1, Long.MIN_VALUE);
        SourceEvent arrived = new SourceEvent(7, 0, 0, Long.MAX_VALUE, null);

        NumberPair readPair = reader.pair(encoding.encode(new Pair(waited, arrived), 12));
        assertThat(OutputCodec.fromAvro(readPair.getFirst())).isEqualTo(waited);
        assertThat(OutputCodec.fromAvro(readPair.getSecond())).isEqualTo(arrived);
        UnpairedNumber readUnpaired = reader.unpaired(encoding.encode(new Unpaired(waited, UnpairedReason.EVICTED), 12));
        assertThat(OutputCodec.fromAvro(readUnpaired.getEvent())).isEqualTo(waited);
        assertThat(readUnpaired.getReason().name()).isEqualTo("EVICTED");
    }

    @Test
    void singleObjectAvroAndTextStillRead() {
        RawValueCodec codec = new RawValueCodec(client);

        assertThat(codec.decode(RawValueCodec.encodeAvro(3, 9L, null))).isEqualTo(Decoded.number(3, 9L));
        assertThat(codec.decode(RawValueCodec.encodeText(11))).isEqualTo(Decoded.number(11, null));
    }

    @Test
    void anIdTheRegistrySaysItDoesNotKnowIsItsOwnReasonAndIsAskedAgainAfterTheTtl() {
        Properties props = new Properties();
        props.setProperty(RegistrySettings.URL, registry.url());
        props.setProperty("missing.id.cache.ttl.sec", "1");
        SchemaRegistryClient fresh = new SchemaRegistryClient(RegistrySettings.from(props).orElseThrow());
        RawValueCodec codec = new RawValueCodec(fresh);
        // content ids are handed out in sequence: the next schema registered gets the one after the newest
        int next = client.register("probe-value", probe("Before").toString()) + 1;

        assertThat(codec.decode(framed(next, V1, Map.of("value", 5L)))).isEqualTo(Decoded.failure(
                RejectReason.UNKNOWN_SCHEMA_ID, "schema id " + next + " is not known to the schema registry"));

        // a producer registers it after its first record got here (a replica catching up looks the same)
        Schema late = new Schema.Parser().parse("""
                {"type":"record","name":"NumberEvent","namespace":"dev.pairing.schemas.avro",
                 "fields":[{"name":"value","type":"long"},{"name":"late","type":"int","default":1}]}""");
        assertThat(client.register("raw-topic-value", late.toString())).isEqualTo(next);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(codec.decode(framed(next, late, Map.of("value", 6L)))).isEqualTo(Decoded.number(6, null)));
    }

    @Test
    void aNotFoundWithoutTheUnknownIdCodeIsAnOutageNeverAVerdict() {
        // the registry's host without /apis/ccompat/v7: every path is a 404, but none says "no such schema id"
        String base = registry.url().replace(ApicurioRegistry.CONFLUENT_API, "");
        SchemaRegistryClient wrongPath = new SchemaRegistryClient(RegistrySettings.of(base)
                .withUnavailableBudget(Duration.ofMillis(500)));

        assertThatThrownBy(() -> new RawValueCodec(wrongPath).decode(framed(v1, V1, Map.of("value", 5L))))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("HTTP 404");
    }

    @Test
    void aUrlThatDoesNotAnswerLikeTheConfluentApiFailsTheStartSayingSo() {
        String base = registry.url().replace(ApicurioRegistry.CONFLUENT_API, "");
        SchemaRegistryClient wrongPath = new SchemaRegistryClient(RegistrySettings.of(base)
                .withUnavailableBudget(Duration.ofMillis(500)));

        assertThatThrownBy(wrongPath::checkConfluentApi)
                .isInstanceOf(RegistryRefusedException.class)
                .hasMessageContaining(base + "/subjects")
                .hasMessageContaining("does not answer like Confluent's Schema Registry API");
        client.checkConfluentApi();
    }

    @Test
    void aWriterSchemaWithReferencesReadsWithTheSchemasItRefersTo() throws Exception {
        Schema meta = new Schema.Parser().parse("""
                {"type":"record","name":"Meta","namespace":"com.example.common",
                 "fields":[{"name":"origin","type":"string"}]}""");
        registerWithReferences("meta-value", meta.toString(), "[]");
        Schema.Parser both = new Schema.Parser();
        both.parse(meta.toString());
        Schema withMeta = both.parse("""
                {"type":"record","name":"NumberEvent","namespace":"dev.pairing.schemas.avro",
                 "fields":[{"name":"value","type":"long"},
                           {"name":"meta","type":["null","com.example.common.Meta"],"default":null}]}""");
        int id = registerWithReferences("raw-topic-value", """
                {"type":"record","name":"NumberEvent","namespace":"dev.pairing.schemas.avro",
                 "fields":[{"name":"value","type":"long"},
                           {"name":"meta","type":["null","com.example.common.Meta"],"default":null}]}""",
                "[{\"name\":\"com.example.common.Meta\",\"subject\":\"meta-value\",\"version\":1}]");
        GenericRecord origin = new GenericData.Record(meta);
        origin.put("origin", "python");

        assertThat(new RawValueCodec(client).decode(framed(id, withMeta, Map.of("value", 9L, "meta", origin))))
                .isEqualTo(Decoded.number(9, null));
    }

    @Test
    void aSchemaThatDoesNotResolveToNumberEventIsItsOwnReason() {
        Decoded decoded = new RawValueCodec(client).decode(new byte[] {0, 0, 0, 0, (byte) pair, 2, 4});

        assertThat(decoded).isInstanceOf(Decoded.Failure.class);
        assertThat(((Decoded.Failure) decoded).reason()).isEqualTo(RejectReason.UNRESOLVABLE_SCHEMA);
        assertThat(((Decoded.Failure) decoded).detail()).startsWith("schema id " + pair
                + " (dev.pairing.schemas.avro.NumberPair) does not resolve to dev.pairing.schemas.avro.NumberEvent");
    }

    @Test
    void aTruncatedBodyOrHeaderIsTruncatedAvro() {
        byte[] whole = framed(v3, V3, Map.of("value", 7L, "sequence", 42L, "origin", "python"));
        RawValueCodec codec = new RawValueCodec(client);

        assertThat(codec.decode(Arrays.copyOf(whole, whole.length - 3))).isEqualTo(Decoded.failure(
                RejectReason.TRUNCATED_AVRO, "the record of schema id " + v3 + " ends early ("
                        + (whole.length - 3 - ConfluentWireFormat.HEADER_BYTES) + " bytes after the header)"));
        assertThat(codec.decode(new byte[] {0, 0, 1})).isEqualTo(Decoded.failure(
                RejectReason.TRUNCATED_AVRO, "Confluent's header needs 5 bytes, got 3"));
    }

    @Test
    void anUnreachableRegistryIsNoVerdictButAnError() {
        SchemaRegistryClient nowhere = new SchemaRegistryClient(RegistrySettings.of("http://127.0.0.1:1/apis/ccompat/v7")
                .withUnavailableBudget(Duration.ofMillis(300)));

        assertThatThrownBy(() -> new RawValueCodec(nowhere).decode(framed(v1, V1, Map.of("value", 5L))))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("could not be reached to fetch schema id " + v1);
    }

    @Test
    void aKnownIdIsFetchedOncePerClientAnUnknownOneIsNot() {
        SchemaRegistryClient fresh = new SchemaRegistryClient(RegistrySettings.of(registry.url())
                .withUnavailableBudget(Duration.ofMillis(300)));
        RawValueCodec codec = new RawValueCodec(fresh);
        assertThat(codec.decode(framed(v1, V1, Map.of("value", 5L)))).isEqualTo(Decoded.number(5, null));
        assertThat(codec.decode(framed(987_654, V1, Map.of("value", 5L)))).extracting("reason")
                .isEqualTo(RejectReason.UNKNOWN_SCHEMA_ID);

        registry.kill();
        try {
            // a schema by id never changes: answered from the cache while the registry is gone
            assertThat(new RawValueCodec(fresh).decode(framed(v1, V1, Map.of("value", 6L))))
                    .isEqualTo(Decoded.number(6, null));
        } finally {
            registry.restart();
        }
        assertThat(client.schemaById(v3)).as("ids survive the restart").isPresent();
    }

    private static Schema probe(String name) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"" + name + "\",\"fields\":[{\"name\":\"n\","
                + "\"type\":\"int\"}]}");
    }

    /** Registers through the REST API itself, references included (the client registers none). */
    private static int registerWithReferences(String subject, String schema, String references) throws Exception {
        String body = "{\"schema\":" + quoted(schema) + ",\"references\":" + references + "}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(registry.url() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Integer.parseInt(response.body().replaceAll("[^0-9]", ""));
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + "\"";
    }

    /** What any Confluent-style serializer writes for this record under this schema id. */
    static byte[] framed(int id, Schema writer, Map<String, Object> fields) {
        GenericRecord record = new GenericData.Record(writer);
        for (Schema.Field field : writer.getFields()) {
            record.put(field.name(), fields.containsKey(field.name())
                    ? fields.get(field.name()) : GenericData.get().getDefaultValue(field));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
