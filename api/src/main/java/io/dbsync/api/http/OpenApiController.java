package io.dbsync.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the API's contract, docs/openapi.yaml (packaged in the jar) as JSON.
 * Converted on first request, not at start-up, so a Lambda cold start does not pay for it.
 */
final class OpenApiController {
    /** Where the build puts docs/openapi.yaml on the classpath. */
    static final String RESOURCE = "/dbsync/openapi.yaml";

    private volatile String json;

    void document(Context ctx) {
        ctx.contentType("application/json").result(json());
    }

    String json() {
        String cached = json;
        if (cached == null) {
            cached = convert();
            json = cached;
        }
        return cached;
    }

    private static String convert() {
        try (InputStream yaml = OpenApiController.class.getResourceAsStream(RESOURCE)) {
            if (yaml == null) {
                throw new IllegalStateException("the jar has no " + RESOURCE + " (built without docs/openapi.yaml)");
            }
            return new ObjectMapper().writeValueAsString(new YAMLMapper().readTree(yaml));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(RESOURCE + " is not valid YAML", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
