package io.dbsync.scheduler.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Jackson configured to judge JSON as strictly as our parser, and the normal form both parsers'
 * values are compared in.
 */
final class StrictJackson {
    /**
     * Strict where Jackson's defaults are lenient or lossy:
     * <ul>
     *   <li>{@code STRICT_DUPLICATE_DETECTION} (the stream form of {@code JsonParser.Feature}'s):
     *       a repeated member name is an error, not "last one wins";</li>
     *   <li>{@code FAIL_ON_TRAILING_TOKENS}: {@code [1] 2} is an error, not {@code [1]};</li>
     *   <li>{@code USE_BIG_DECIMAL_FOR_FLOATS}: numbers are exact, as ours are ({@code 1e400} is
     *       not Infinity and {@code 0.1} not a double);</li>
     *   <li>every {@link JsonReadFeature} leniency off (comments, single quotes, unquoted names,
     *       raw control characters, any-character escapes, leading zeros and plus signs, bare
     *       decimal points, NaN, missing values, trailing commas). They are off by default; naming
     *       them keeps this test honest if a default ever changes.</li>
     * </ul>
     * Values are read with {@code readValue(text, Object.class)}: {@code readTree} would answer an
     * empty document with a MissingNode instead of an error.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_YAML_COMMENTS,
                    JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES,
                    JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER,
                    JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS, JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS,
                    JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS,
                    JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS, JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS,
                    JsonReadFeature.ALLOW_MISSING_VALUES, JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private StrictJackson() {
    }

    /**
     * Jackson's value in normal form, or empty when it refuses the text. A refusal is any
     * {@link JacksonException}, or the {@link NumberFormatException} Jackson lets through for an
     * exponent beyond {@code BigDecimal}'s range ({@code 1e2147483648}); anything else is a bug
     * and propagates.
     */
    static Optional<Object> read(String text) {
        try {
            return Optional.of(new Normal(normal(MAPPER.readValue(text, Object.class))));
        } catch (JacksonException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Our parser's value in normal form, or empty when it refuses; only a {@link JsonException} is a refusal. */
    static Optional<Object> ours(String text) {
        try {
            return Optional.of(new Normal(normal(JsonParser.parse(text))));
        } catch (JsonException e) {
            return Optional.empty();
        }
    }

    /** Wraps a normal form so that a JSON null is a value, not an empty Optional. */
    record Normal(Object value) {
    }

    /** One object member in order, so that member order is compared too. */
    record Member(String name, Object value) {
    }

    /** An object in normal form: its members in document order. */
    record ObjectValue(List<Member> members) {
    }

    /**
     * The normal form: objects become {@link ObjectValue}s (order kept), arrays lists, numbers
     * {@code BigDecimal}s without trailing zeros (so {@code 1}, {@code 1.0}, {@code 10e-1} and
     * Jackson's Integer, Long, BigInteger or BigDecimal for them are all equal), the rest as is.
     */
    static Object normal(Object value) {
        if (value instanceof Map<?, ?> map) {
            List<Member> members = new ArrayList<>();
            map.forEach((name, member) -> members.add(new Member((String) name, normal(member))));
            return new ObjectValue(members);
        }
        if (value instanceof List<?> list) {
            List<Object> elements = new ArrayList<>();
            list.forEach(element -> elements.add(normal(element)));
            return elements;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros();
        }
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer).stripTrailingZeros();
        }
        if (value instanceof Integer || value instanceof Long) {
            return BigDecimal.valueOf(((Number) value).longValue()).stripTrailingZeros();
        }
        return value;
    }
}
