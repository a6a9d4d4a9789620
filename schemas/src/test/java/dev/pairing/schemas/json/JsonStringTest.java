package dev.pairing.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonStringTest {

    @Test
    void quotesBackslashesAndLineBreaksAreEscapedByName() {
        assertThat(JsonString.quote("a \"b\" \\ c\n\r\t")).isEqualTo("\"a \\\"b\\\" \\\\ c\\n\\r\\t\"");
    }

    @Test
    void otherControlCharactersAndTheLineSeparatorsAreEscapedByNumber() {
        assertThat(JsonString.quote("\u0001\u001f\u2028\u2029")).isEqualTo("\"\\u0001\\u001f\\u2028\\u2029\"");
    }

    @Test
    void everythingElseStaysAsItIs() {
        assertThat(JsonString.quote("café 12 / ü")).isEqualTo("\"café 12 / ü\"");
    }
}
