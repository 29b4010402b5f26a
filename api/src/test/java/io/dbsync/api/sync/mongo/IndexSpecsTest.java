package io.dbsync.api.sync.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import java.util.List;

class IndexSpecsTest {

    private static BsonDocument spec(String json) {
        return BsonDocument.parse(json);
    }

    @Test
    void cleaningDropsOnlyTheServersBookkeeping() {
        BsonDocument cleaned = IndexSpecs.clean(spec(
                "{v: 2, ns: 'shop.c', key: {a: 1}, name: 'a_1', unique: true, partialFilterExpression: {b: {$gt: 1}}, background: true}"));

        assertThat(cleaned).isEqualTo(spec("{key: {a: 1}, name: 'a_1', unique: true, partialFilterExpression: {b: {$gt: 1}}}"));
    }

    @Test
    void equalSpecsHaveNoDifferences() {
        List<BsonDocument> specs = List.of(spec("{key: {a: 1, b: -1}, name: 'ab', sparse: true}"),
                spec("{key: {t: 1}, name: 'ttl', expireAfterSeconds: 60}"));

        assertThat(IndexSpecs.differences(specs, List.copyOf(specs))).isEmpty();
    }

    @Test
    void aMissingIndexAnExtraOneAndAChangedOptionAreReported() {
        List<BsonDocument> source = List.of(spec("{key: {a: 1}, name: 'a', unique: true}"),
                spec("{key: {b: 1}, name: 'b'}"));
        List<BsonDocument> staged = List.of(spec("{key: {a: 1}, name: 'a'}"), spec("{key: {c: 1}, name: 'c'}"));

        List<String> differences = IndexSpecs.differences(source, staged);

        assertThat(differences).hasSize(3);
        assertThat(differences).anyMatch(d -> d.startsWith("index 'a' differs"))
                .anyMatch(d -> d.equals("index 'b' is missing"))
                .anyMatch(d -> d.equals("index 'c' is not on the source"));
    }

    @Test
    void compoundKeyOrderMatters() {
        List<String> differences = IndexSpecs.differences(List.of(spec("{key: {a: 1, b: 1}, name: 'x'}")),
                List.of(spec("{key: {b: 1, a: 1}, name: 'x'}")));

        assertThat(differences).containsExactly(
                "index 'x' differs: expected {\"key\": {\"a\": 1, \"b\": 1}, \"name\": \"x\"} but found {\"key\": {\"b\": 1, \"a\": 1}, \"name\": \"x\"}");
    }
}
