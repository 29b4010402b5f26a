package io.dbsync.scheduler.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class JsonWriterTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"plain", "quote \" backslash \\ slash /", "line\nbreak\r\ttab", "nul\u0000 bell\u0007 del\u007f",
            "é ü ß 日本", "emoji \uD83D\uDE00", "lone \uD800 surrogate", "line sep \u2028 para \u2029", ""})
    void stringsRoundTripThroughAnIndependentParserAndStayOnOnePrintableAsciiLine(String text) throws Exception {
        String json = new JsonWriter().beginObject().member("text", text).endObject().toString();

        assertThat(JACKSON.readTree(json).get("text").asText()).isEqualTo(text);
        assertThat(JsonObject.parse(json).string("text")).contains(text);
        assertThat(json.chars()).allMatch(c -> c >= 0x20 && c <= 0x7e);
    }

    @Test
    void nestsObjectsAndArraysWithCommasInTheRightPlaces() {
        String json = new JsonWriter().beginObject()
                .member("a", 1)
                .name("b").beginArray().value("x").value(2).beginArray().endArray().beginObject().endObject().endArray()
                .name("c").beginObject().member("d", (String) null).endObject()
                .endObject().toString();

        assertThat(json).isEqualTo("{\"a\":1,\"b\":[\"x\",2,[],{}],\"c\":{\"d\":null}}");
    }
}
