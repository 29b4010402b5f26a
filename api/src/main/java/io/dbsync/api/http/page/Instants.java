package io.dbsync.api.http.page;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Instants as the API writes them (ISO-8601 text), read back; anything else is no instant. */
final class Instants {
    private Instants() {
    }

    static Instant of(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
