package io.dbsync.api.sync.snapshot.archive;

import org.bson.BsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonParseException;
import org.bson.json.JsonWriterSettings;

/**
 * Canonical Extended JSON v2 without the driver's cosmetic spaces, which is how mongodump's Go
 * driver ({@code bson.MarshalExtJSON(meta, true, false)}) writes {@code metadata.json}. Doubles may
 * still be spelt differently (Go writes {@code 1E+21}, Java {@code 1.0E+21}); both parse the same.
 */
final class MetadataJson {
    private static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private MetadataJson() {
    }

    static String render(BsonDocument document) {
        return compact(document.toJson(CANONICAL));
    }

    static BsonDocument parse(String json) {
        try {
            return BsonDocument.parse(json);
        } catch (JsonParseException | org.bson.BsonInvalidOperationException e) {
            throw new IllegalArgumentException("metadata is not Extended JSON: " + e.getMessage(), e);
        }
    }

    /** Drops whitespace outside string literals; JSON gives it no meaning there. */
    static String compact(String json) {
        StringBuilder out = new StringBuilder(json.length());
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
                out.append(c);
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (!Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
