package io.dbsync.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;

/** Reading run results as a client does: the JSON bodies of {@code /syncdb} and {@code /runs}. */
public final class RunResults {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunResults() {
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** POSTs {@code body} to {@code /syncdb} as the operator and returns the result of a run that ended in time (200). */
    public static JsonNode sync(TestApi api, String body) {
        HttpResponse<String> response = api.post("/syncdb", TestServers.operator(), body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    /** One collection's entry in a result. */
    public static JsonNode collection(JsonNode result, String name) {
        for (JsonNode collection : result.get("collections")) {
            if (collection.get("name").asText().equals(name)) {
                return collection;
            }
        }
        throw new AssertionError("no collection " + name + " in " + result);
    }

    /** The standby holds the source's documents byte for byte (and some). */
    public static void assertStandbyEqualsSource(TestMongo mongo) {
        MongoSnapshot source = MongoSnapshot.of(mongo.sourceDb());
        MongoSnapshot standby = MongoSnapshot.of(mongo.targetDb());
        assertThat(standby.documentsHex()).isEqualTo(source.documentsHex());
        assertThat(standby.documentCount()).isGreaterThan(0);
    }
}
