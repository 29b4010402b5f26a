package io.dbsync.scheduler.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonParserTest {

    @Test
    void readsEveryKindOfValue() throws JsonException {
        Object value = JsonParser.parse(
                " {\"s\":\"x\",\"n\":-12.5e1,\"i\":0,\"t\":true,\"f\":false,\"z\":null,\"a\":[1,[],{}],\"o\":{\"k\":\"v\"}} ");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s", "x");
        expected.put("n", new BigDecimal("-12.5e1"));
        expected.put("i", BigDecimal.ZERO);
        expected.put("t", true);
        expected.put("f", false);
        expected.put("z", null);
        expected.put("a", List.of(BigDecimal.ONE, List.of(), Map.of()));
        expected.put("o", Map.of("k", "v"));
        assertThat(value).isEqualTo(expected);
    }

    @Test
    void decodesEscapesIncludingSurrogatePairs() throws JsonException {
        assertThat(JsonParser.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\""))
                .isEqualTo("\"\\/\b\f\n\r\té\uD83D\uDE00");
    }

    @Test
    void keepsMemberOrder() throws JsonException {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) JsonParser.parse("{\"b\":1,\"a\":2,\"c\":3}");

        assertThat(map.keySet()).containsExactly("b", "a", "c");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "", " ", "{", "}", "[", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{'a':1}", "[01]", "[1.]", "[.5]",
            "[1e]", "[-]", "[+1]", "[NaN]", "[Infinity]", "[tru]", "[nul]", "\"abc", "\"\\x\"", "\"\\u12g4\"",
            "\"\\u12\"", "\"tab\there\"", "{} {}", "[1] x", "{\"a\":1,\"a\":2}", "\uFEFF{}", "/* c */ {}", "[1e99999999999]",
    })
    void rejectsWhatRfc8259Rejects(String text) {
        assertThatThrownBy(() -> JsonParser.parse(text))
                .isInstanceOf(JsonException.class)
                .hasMessageStartingWith("invalid JSON at offset ");
    }

    @Test
    void boundsNestingSoHostileInputCannotOverflowTheStack() throws JsonException {
        String ok = "[".repeat(JsonParser.MAX_DEPTH) + "]".repeat(JsonParser.MAX_DEPTH);
        char[] deep = new char[1_000_000];
        Arrays.fill(deep, '{');

        assertThat(JsonParser.parse(ok)).isInstanceOf(List.class);
        assertThatThrownBy(() -> JsonParser.parse("[".repeat(JsonParser.MAX_DEPTH + 1) + "]".repeat(JsonParser.MAX_DEPTH + 1)))
                .hasMessageContaining("nesting deeper than");
        assertThatThrownBy(() -> JsonParser.parse(new String(deep))).isInstanceOf(JsonException.class);
    }

    @Test
    void errorMessagesGiveThePositionButNeverQuoteTheInput() {
        assertThatThrownBy(() -> JsonParser.parse("{\"password\":\"hunter2\" x}"))
                .hasMessage("invalid JSON at offset 22: expected ',' or '}'")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void typedAccessRejectsMembersOfTheWrongType() throws JsonException {
        JsonObject object = JsonObject.parse("{\"s\":1,\"n\":\"1\",\"big\":1e30,\"huge\":1e999999999,\"frac\":12.9,\"nul\":null}");

        assertThatThrownBy(() -> object.string("s")).hasMessageContaining("\"s\" is not a string");
        assertThatThrownBy(() -> object.wholeNumber("n")).hasMessageContaining("\"n\" is not a number");
        assertThatThrownBy(() -> object.wholeNumber("big")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> object.wholeNumber("huge")).hasMessageContaining("out of range");
        assertThat(object.wholeNumber("frac")).contains(12L);
        assertThat(object.string("nul")).isEmpty();
        assertThat(object.string("absent")).isEmpty();
        assertThatThrownBy(() -> JsonObject.parse("[]")).hasMessageContaining("expected a JSON object");
    }

    @Test
    void nestedObjectsAndArraysOfObjectsAreReadAsObjectsOrRefused() throws JsonException {
        JsonObject object = JsonObject.parse("{\"o\":{\"k\":\"v\"},\"a\":[{\"n\":1},{}],\"bad\":[{},1],\"s\":\"x\",\"z\":null}");

        assertThat(object.object("o").orElseThrow().string("k")).contains("v");
        assertThat(object.objects("a")).hasSize(2);
        assertThat(object.objects("a").get(0).wholeNumber("n")).contains(1L);
        assertThat(object.objects("absent")).isEmpty();
        assertThat(object.object("z")).isEmpty();
        assertThatThrownBy(() -> object.objects("bad")).hasMessage("member \"bad\" holds a non-object");
        assertThatThrownBy(() -> object.object("s")).hasMessage("member \"s\" is not an object");
        assertThatThrownBy(() -> object.objects("o")).hasMessage("member \"o\" is not an array");
    }
}
