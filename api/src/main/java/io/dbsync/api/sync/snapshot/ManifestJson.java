package io.dbsync.api.sync.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * Manifests as JSON (UTF-8, indented, times in ISO-8601 UTC). Unknown fields are ignored so that a
 * later minor addition does not hide a restore point; a later {@code formatVersion} is refused.
 */
public final class ManifestJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ManifestJson() {
    }

    public static byte[] write(Manifest manifest) {
        try {
            return MAPPER.writeValueAsBytes(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest could not be rendered as JSON", e);
        }
    }

    /**
     * Reads a manifest.
     *
     * @throws IllegalArgumentException if it is not one, or of a format this dbsync cannot read;
     *                                  the message says what is wrong, not the JSON
     */
    public static Manifest read(byte[] json) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("the manifest is not JSON");
        }
        if (tree == null || !tree.isObject() || !tree.path("formatVersion").canConvertToInt()) {
            throw new IllegalArgumentException("the manifest has no formatVersion");
        }
        int version = tree.get("formatVersion").asInt();
        if (version < 1 || version > Manifest.FORMAT_VERSION) {
            throw new IllegalArgumentException("the manifest has format " + version + "; this dbsync reads format "
                    + Manifest.FORMAT_VERSION + " (upgrade dbsync to read it)");
        }
        try {
            return MAPPER.treeToValue(tree, Manifest.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the manifest is incomplete or malformed: " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
