package io.dbsync.scheduler.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 JSON reader: objects become {@code Map<String,Object>} (insertion-ordered),
 * arrays {@code List<Object>}, strings {@code String}, numbers {@code BigDecimal}, literals
 * {@code Boolean} or {@code null}.
 *
 * <p>Strict because the input comes over the network: anything a lenient parser would guess at
 * (trailing commas, comments, single quotes, NaN, duplicate keys, text after the value) is an
 * error, and nesting is bounded so hostile input cannot overflow the stack.
 */
final class JsonParser {
    static final int MAX_DEPTH = 64;

    private final JsonText text;

    private JsonParser(String text) {
        this.text = new JsonText(text);
    }

    static Object parse(String text) throws JsonException {
        JsonParser parser = new JsonParser(text);
        parser.text.skipWhitespace();
        Object value = parser.readValue(0);
        parser.text.skipWhitespace();
        if (!parser.text.atEnd()) {
            throw parser.text.error("unexpected text after the JSON value");
        }
        return value;
    }

    private Object readValue(int depth) throws JsonException {
        if (text.atEnd()) {
            throw text.error("unexpected end of input");
        }
        char c = text.peek();
        switch (c) {
            case '{': return readObject(depth + 1);
            case '[': return readArray(depth + 1);
            case '"': return text.readString();
            case 't': return text.readLiteral("true", Boolean.TRUE);
            case 'f': return text.readLiteral("false", Boolean.FALSE);
            case 'n': return text.readLiteral("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return text.readNumber();
                }
                throw text.error("unexpected character");
        }
    }

    private Map<String, Object> readObject(int depth) throws JsonException {
        checkDepth(depth);
        text.skip(); // '{'
        Map<String, Object> members = new LinkedHashMap<>();
        text.skipWhitespace();
        if (text.peek() == '}') {
            text.skip();
            return members;
        }
        while (true) {
            text.skipWhitespace();
            if (text.peek() != '"') {
                throw text.error("expected a member name");
            }
            int namePos = text.position();
            String name = text.readString();
            text.skipWhitespace();
            text.expect(':');
            text.skipWhitespace();
            Object value = readValue(depth);
            if (members.containsKey(name)) {
                text.moveTo(namePos);
                throw text.error("duplicate member name");
            }
            members.put(name, value);
            text.skipWhitespace();
            char c = text.next("expected ',' or '}'");
            if (c == '}') {
                return members;
            }
            if (c != ',') {
                text.moveTo(text.position() - 1);
                throw text.error("expected ',' or '}'");
            }
        }
    }

    private List<Object> readArray(int depth) throws JsonException {
        checkDepth(depth);
        text.skip(); // '['
        List<Object> elements = new ArrayList<>();
        text.skipWhitespace();
        if (text.peek() == ']') {
            text.skip();
            return elements;
        }
        while (true) {
            text.skipWhitespace();
            elements.add(readValue(depth));
            text.skipWhitespace();
            char c = text.next("expected ',' or ']'");
            if (c == ']') {
                return elements;
            }
            if (c != ',') {
                text.moveTo(text.position() - 1);
                throw text.error("expected ',' or ']'");
            }
        }
    }

    private void checkDepth(int depth) throws JsonException {
        if (depth > MAX_DEPTH) {
            throw text.error("nesting deeper than " + MAX_DEPTH);
        }
    }
}
