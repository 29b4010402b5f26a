package io.dbsync.testkit.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Namespaces of at most 95 bytes, database names of at most 38, 500 collections and 100 databases in total. */
class NamespaceLimitsTest {
    private ProfiledServer atlas;

    @BeforeEach
    void start() {
        atlas = ProfiledServer.unthrottled(AtlasProfile.m0());
    }

    @AfterEach
    void stop() {
        atlas.close();
    }

    @Test
    void acceptsANamespaceOf95Bytes() {
        String collection = "c".repeat(95 - "shop.".length());

        atlas.client.getDatabase("shop").createCollection(collection);

        assertThat(atlas.client.getDatabase("shop").listCollectionNames()).contains(collection);
    }

    @Test
    void refusesANamespaceOf96Bytes() {
        String collection = "c".repeat(96 - "shop.".length());

        assertThatThrownBy(() -> atlas.client.getDatabase("shop").createCollection(collection))
                .isInstanceOfSatisfying(MongoCommandException.class, refused -> {
                    assertThat(refused.getErrorCode()).isEqualTo(8000);
                    assertThat(refused.getErrorCodeName()).isEqualTo("AtlasError");
                    assertThat(refused.getErrorMessage()).isEqualTo("fully qualified namespace shop." + collection + " is too long (max is 95 bytes)");
                });
        assertThat(atlas.client.getDatabase("shop").listCollectionNames()).doesNotContain(collection);
    }

    @Test
    void countsNamespaceBytesNotCharacters() {
        String collection = "é".repeat(46); // 92 bytes of UTF-8, 46 characters: "shop." makes it 97

        assertThatThrownBy(() -> atlas.client.getDatabase("shop").createCollection(collection))
                .isInstanceOfSatisfying(MongoCommandException.class, refused -> assertThat(refused.getErrorCode()).isEqualTo(8000));
    }

    @Test
    void refusesTheFirstInsertIntoACollectionWhoseNamespaceIsTooLong() {
        String collection = "c".repeat(91);

        assertThatThrownBy(() -> atlas.client.getDatabase("shop").getCollection(collection).insertOne(new Document("_id", 1)))
                .isInstanceOfSatisfying(MongoCommandException.class, refused -> assertThat(refused.getErrorMessage()).contains("is too long"));
    }

    @Test
    void refusesARenameToANamespaceThatIsTooLong() {
        MongoDatabase shop = atlas.client.getDatabase("shop");
        shop.getCollection("orders").insertOne(new Document("_id", 1));

        assertThatThrownBy(() -> shop.getCollection("orders").renameCollection(new MongoNamespace("shop", "o".repeat(91))))
                .isInstanceOfSatisfying(MongoCommandException.class, refused -> assertThat(refused.getErrorCode()).isEqualTo(8000));
        assertThat(shop.getCollection("orders").countDocuments()).isEqualTo(1);
    }

    @Test
    void acceptsADatabaseNameOf38Bytes() {
        String database = "d".repeat(38);

        atlas.client.getDatabase(database).getCollection("c").insertOne(new Document("_id", 1));

        assertThat(atlas.client.getDatabase(database).getCollection("c").countDocuments()).isEqualTo(1);
    }

    @Test
    void refusesADatabaseNameOf39Bytes() {
        String database = "d".repeat(39);

        assertThatThrownBy(() -> atlas.client.getDatabase(database).createCollection("c"))
                .isInstanceOfSatisfying(MongoCommandException.class, refused -> {
                    assertThat(refused.getErrorCode()).isEqualTo(8000);
                    assertThat(refused.getErrorMessage()).isEqualTo("database name " + database + " is too long (max is 38 bytes)");
                });
    }

    @Test
    void refusesThe501stCollectionOverAllDatabases() {
        for (int i = 0; i < 500; i++) {
            atlas.client.getDatabase(i % 2 == 0 ? "even" : "odd").createCollection("c" + i);
        }

        assertThatThrownBy(() -> atlas.client.getDatabase("third").createCollection("one_too_many"))
                .isInstanceOfSatisfying(MongoCommandException.class, refused -> {
                    assertThat(refused.getErrorCode()).isEqualTo(8000);
                    assertThat(refused.getErrorMessage()).isEqualTo("cannot create a new collection -- already using 500 collections of 500");
                });
    }

    @Test
    void aDroppedCollectionMakesRoomForANewOne() {
        try (ProfiledServer three = ProfiledServer.unthrottled(AtlasProfile.m0().withMaxCollections(3))) {
            MongoDatabase shop = three.client.getDatabase("shop");
            shop.createCollection("a");
            shop.createCollection("b");
            shop.createCollection("c");
            assertThatThrownBy(() -> shop.createCollection("d")).isInstanceOf(MongoCommandException.class);

            shop.getCollection("a").drop();
            shop.createCollection("d");

            assertThat(shop.listCollectionNames()).containsExactlyInAnyOrder("b", "c", "d");
        }
    }

    @Test
    void refusesThe101stDatabase() {
        for (int i = 0; i < 100; i++) {
            atlas.client.getDatabase("db" + i).createCollection("c");
        }

        assertThatThrownBy(() -> atlas.client.getDatabase("db100").createCollection("c"))
                .isInstanceOfSatisfying(MongoCommandException.class, refused ->
                        assertThat(refused.getErrorMessage()).isEqualTo("cannot create a new database -- already using 100 databases of 100"));
        atlas.client.getDatabase("db99").createCollection("another");
    }
}
