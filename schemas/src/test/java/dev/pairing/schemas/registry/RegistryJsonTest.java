package dev.pairing.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.schemas.json.JsonString;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryJsonTest {

    @Test
    void readsARegistryAnswerWithAnEscapedSchema() {
        Map<String, Object> answer = RegistryJson.object(
                "{\"schema\":\"{\\\"type\\\":\\\"long\\\",\\\"doc\\\":\\\"caf\\u00e9\\\"}\",\"schemaType\":\"AVRO\","
                        + " \"references\": [], \"id\": 42, \"x\": null, \"ok\": true}");

        assertThat(answer).containsEntry("schema", "{\"type\":\"long\",\"doc\":\"café\"}")
                .containsEntry("schemaType", "AVRO").containsEntry("references", List.of())
                .containsEntry("id", 42L).containsEntry("x", null).containsEntry("ok", true);
    }

    @Test
    void readsBackWhatItsRequestsQuote() {
        String schema = "{\"doc\":\"a \\\\ b\\n\\t\u0001\"}";

        assertThat(RegistryJson.object("{\"schema\":" + JsonString.quote(schema) + "}"))
                .containsEntry("schema", schema);
    }

    @Test
    void refusesWhatIsNoObject() {
        assertThatThrownBy(() -> RegistryJson.object("[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegistryJson.object("{\"a\":1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegistryJson.object("<html>")).isInstanceOf(IllegalArgumentException.class);
    }
}
