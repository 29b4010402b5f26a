package io.dbsync.api.sync.snapshot.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

class NamespaceMetadataTest {

    @Test
    void rendersCanonicalCompactJsonInMongodumpsFieldOrder() {
        NamespaceMetadata metadata = new NamespaceMetadata("shop", "orders", CollectionType.COLLECTION,
                new BsonDocument("validationLevel", new BsonString("strict")),
                List.of(new BsonDocument("v", new BsonInt32(2)).append("key", new BsonDocument("_id", new BsonInt32(1)))
                        .append("name", new BsonString("_id_"))),
                "3f2a5ad06b6c4f7c9d1c0a7b8e9f0a1b", 0);

        assertThat(metadata.toMetadataJson()).isEqualTo("{\"options\":{\"validationLevel\":\"strict\"},"
                + "\"indexes\":[{\"v\":{\"$numberInt\":\"2\"},\"key\":{\"_id\":{\"$numberInt\":\"1\"}},\"name\":\"_id_\"}],"
                + "\"uuid\":\"3f2a5ad06b6c4f7c9d1c0a7b8e9f0a1b\",\"collectionName\":\"orders\",\"type\":\"collection\"}");
    }

    @Test
    void leavesOutEmptyOptionsUuidAndType() {
        NamespaceMetadata metadata = new NamespaceMetadata("shop", "old", CollectionType.UNSPECIFIED, new BsonDocument(),
                List.of(), "", 0);

        assertThat(metadata.toMetadataJson()).isEqualTo("{\"indexes\":[],\"collectionName\":\"old\"}");
    }

    @Test
    void keepsSpacesAndEscapedQuotesInsideStrings() {
        BsonDocument options = new BsonDocument("comment", new BsonString("a \"quoted\", spaced: \\ value"));
        NamespaceMetadata metadata = new NamespaceMetadata("shop", "c", CollectionType.COLLECTION, options, List.of(), "", 0);

        String json = metadata.toMetadataJson();

        assertThat(json).contains("\"comment\":\"a \\\"quoted\\\", spaced: \\\\ value\"");
        assertThat(NamespaceMetadata.fromPrelude("shop", "c", json, "collection", 0)).isEqualTo(metadata);
    }

    @Test
    void readsBackWhatItRendersIncludingNumberTypes() {
        NamespaceMetadata metadata = new NamespaceMetadata("shop", "sessions", CollectionType.COLLECTION, new BsonDocument(),
                List.of(new BsonDocument("key", new BsonDocument("at", new BsonInt32(1)))
                        .append("expireAfterSeconds", new BsonInt64(3600))), "", 42);

        NamespaceMetadata read = NamespaceMetadata.fromPrelude("shop", "sessions", metadata.toMetadataJson(), "collection", 42);

        assertThat(read).isEqualTo(metadata);
        assertThat(read.indexes().get(0).get("expireAfterSeconds")).isEqualTo(new BsonInt64(3600));
    }

    @Test
    void readsAViewsMetadataAsMongodumpWritesIt() {
        String json = "{\"options\":{\"viewOn\":\"orders\",\"pipeline\":[{\"$match\":{\"big\":true}}]},"
                + "\"indexes\":[],\"collectionName\":\"big_orders\",\"type\":\"view\"}";

        NamespaceMetadata view = NamespaceMetadata.fromPrelude("shop", "big_orders", json, "view", 0);

        assertThat(view.type()).isEqualTo(CollectionType.VIEW);
        assertThat(view.options().getArray("pipeline")).isInstanceOf(BsonArray.class).hasSize(1);
        assertThat(view.dataNamespace()).isEqualTo(new Namespace("shop", "big_orders"));
        assertThat(view.toMetadataJson()).isEqualTo(json);
    }

    @Test
    void takesAnEmptyMetadataStringAsNoOptionsAndNoIndexes() {
        NamespaceMetadata metadata = NamespaceMetadata.fromPrelude("local", "oplog.rs", "", "", 0);

        assertThat(metadata.indexes()).isEmpty();
        assertThat(metadata.options()).isEmpty();
        assertThat(metadata.type()).isEqualTo(CollectionType.UNSPECIFIED);
    }

    @Test
    void refusesAnUnknownTypeAndJsonThatIsNotExtendedJson() {
        assertThatThrownBy(() -> NamespaceMetadata.fromPrelude("shop", "c", "{\"indexes\":[]}", "table", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown collection type 'table'");
        assertThatThrownBy(() -> NamespaceMetadata.fromPrelude("shop", "c", "{\"indexes\":", "collection", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not Extended JSON");
    }

    @Test
    void isNotChangedThroughTheDocumentsItWasGiven() {
        BsonDocument options = new BsonDocument("capped", org.bson.BsonBoolean.TRUE);
        NamespaceMetadata metadata = new NamespaceMetadata("shop", "c", CollectionType.COLLECTION, options, List.of(), "", 0);

        options.put("size", new BsonInt32(1));

        assertThat(metadata.options()).doesNotContainKey("size");
    }
}
