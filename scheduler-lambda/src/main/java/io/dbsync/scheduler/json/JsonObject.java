package io.dbsync.scheduler.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, checked access to one parsed JSON object. An absent member and an explicit {@code null}
 * both read as empty; a member of the wrong type is an error rather than a silent default.
 */
public final class JsonObject {
    private final Map<String, Object> members;

    private JsonObject(Map<String, Object> members) {
        this.members = members;
    }

    /** Parses a whole document, which must be an object. */
    public static JsonObject parse(String text) throws JsonException {
        Object value = JsonParser.parse(text);
        if (!(value instanceof Map)) {
            throw new JsonException("expected a JSON object at the top level");
        }
        return of(value);
    }

    @SuppressWarnings("unchecked")
    private static JsonObject of(Object value) {
        return new JsonObject((Map<String, Object>) value);
    }

    /** True when the member is present and a string (to tell a result from an error body). */
    public boolean isString(String name) {
        return members.get(name) instanceof String;
    }

    /** A string member; empty when absent or null, an error when of another type. */
    public Optional<String> string(String name) throws JsonException {
        return Optional.ofNullable(typed(name, String.class, "a string"));
    }

    /** A whole number that fits a long; fractions are truncated (durations may arrive as 12.0). */
    public Optional<Long> wholeNumber(String name) throws JsonException {
        BigDecimal number = typed(name, BigDecimal.class, "a number");
        if (number == null) {
            return Optional.empty();
        }
        // Check the size before converting: 1e999999999 must not become a billion-digit integer.
        if (number.precision() - number.scale() > 18) {
            throw new JsonException("member \"" + name + "\" is out of range");
        }
        return Optional.of(number.longValue());
    }

    /** A nested object; empty when absent or null, an error when of another type. */
    public Optional<JsonObject> object(String name) throws JsonException {
        Map<?, ?> object = typed(name, Map.class, "an object");
        return object == null ? Optional.empty() : Optional.of(of(object));
    }

    /** An array whose every element is an object; empty when the member is absent or null. */
    public List<JsonObject> objects(String name) throws JsonException {
        List<?> array = typed(name, List.class, "an array");
        if (array == null) {
            return List.of();
        }
        List<JsonObject> objects = new ArrayList<>(array.size());
        for (Object element : array) {
            if (!(element instanceof Map)) {
                throw new JsonException("member \"" + name + "\" holds a non-object");
            }
            objects.add(of(element));
        }
        return objects;
    }

    private <T> T typed(String name, Class<T> type, String description) throws JsonException {
        Object value = members.get(name);
        if (value == null) {
            return null;
        }
        if (!type.isInstance(value)) {
            throw new JsonException("member \"" + name + "\" is not " + description);
        }
        return type.cast(value);
    }
}
