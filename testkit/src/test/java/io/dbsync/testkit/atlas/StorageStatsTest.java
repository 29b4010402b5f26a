package io.dbsync.testkit.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.OperationType;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** dbStats, collStats and listDatabases report the same bytes the quota is measured in. */
class StorageStatsTest {
    /** A key {"": v} for a number: mongo-java-server compares numbers as doubles, so a key holds 8 bytes. */
    private static final long NUMBER_KEY_ENTRY = 4 + 1 + 1 + 8 + 1 + BsonMeasure.RECORD_ID_BYTES;

    private ProfiledServer atlas;
    private MongoDatabase shop;
    private long shopDocumentBytes;

    @BeforeEach
    void start() {
        atlas = ProfiledServer.unthrottled(AtlasProfile.m0());
        shop = atlas.client.getDatabase("shop");
        shopDocumentBytes = insert(shop.getCollection("customers", RawBsonDocument.class), 300, "customer")
                + insert(shop.getCollection("orders", RawBsonDocument.class), 500, "order");
        shop.getCollection("customers").createIndex(Indexes.ascending("name"));
        insert(atlas.client.getDatabase("archive").getCollection("old", RawBsonDocument.class), 100, "old");
    }

    @AfterEach
    void stop() {
        atlas.close();
    }

    @Test
    void dbStatsDataSizeIsTheBsonSizeOfTheDocumentsTheClientSent() {
        Document stats = shop.runCommand(new Document("dbStats", 1));

        assertThat(number(stats, "dataSize")).isEqualTo(shopDocumentBytes);
        assertThat(number(stats, "storageSize")).isEqualTo(shopDocumentBytes);
        assertThat(number(stats, "objects")).isEqualTo(800);
        assertThat(number(stats, "collections")).isEqualTo(2);
        assertThat(number(stats, "indexes")).isEqualTo(3);
    }

    @Test
    void dbStatsTotalSizesOverAllDatabasesAddUpToTheUsageTheQuotaIsCheckedAgainst() {
        Document shopStats = shop.runCommand(new Document("dbStats", 1));
        Document archiveStats = atlas.client.getDatabase("archive").runCommand(new Document("dbStats", 1));

        assertThat(number(shopStats, "totalSize")).isEqualTo(number(shopStats, "dataSize") + number(shopStats, "indexSize"));
        assertThat(number(shopStats, "totalSize") + number(archiveStats, "totalSize")).isEqualTo(atlas.server.usedBytes());
    }

    @Test
    void collStatsCountsOneIndexEntryPerDocumentAndIndex() {
        Document stats = shop.runCommand(new Document("collStats", "orders"));

        assertThat(number(stats, "count")).isEqualTo(500);
        assertThat(number(stats, "nindexes")).isEqualTo(1);
        assertThat(number(stats.get("indexSizes", Document.class), "_id_")).isEqualTo(500 * NUMBER_KEY_ENTRY);
        assertThat(number(stats, "totalSize")).isEqualTo(number(stats, "size") + 500 * NUMBER_KEY_ENTRY);
    }

    @Test
    void aSecondaryIndexAddsItsEntriesToTheIndexSize() {
        Document stats = shop.runCommand(new Document("collStats", "customers"));

        // names are "customer-<i>": 4 + 1 + 1 + (4 + length + 1) + 1 bytes of key, plus the record id
        long nameEntries = 0;
        for (int i = 0; i < 300; i++) {
            nameEntries += 4 + 1 + 1 + 4 + ("customer-" + i).length() + 1 + 1 + BsonMeasure.RECORD_ID_BYTES;
        }
        assertThat(number(stats.get("indexSizes", Document.class), "name_1")).isEqualTo(nameEntries);
    }

    @Test
    void scaleDividesTheSizesAsMongodDoes() {
        Document bytes = shop.runCommand(new Document("dbStats", 1));
        Document kilobytes = shop.runCommand(new Document("dbStats", 1).append("scale", 1024));

        assertThat(number(kilobytes, "dataSize")).isEqualTo(number(bytes, "dataSize") / 1024);
        assertThat(number(kilobytes, "scaleFactor")).isEqualTo(1024);
    }

    @Test
    void listDatabasesReportsEachDatabasesShareAndTheTotal() {
        Document databases = atlas.client.getDatabase("admin").runCommand(new Document("listDatabases", 1));

        long sum = databases.getList("databases", Document.class).stream().mapToLong(database -> number(database, "sizeOnDisk")).sum();
        assertThat(sum).isEqualTo(atlas.server.usedBytes());
        assertThat(number(databases, "totalSize")).isEqualTo(atlas.server.usedBytes());
    }

    @Test
    void aDroppedDatabaseNoLongerCounts() {
        long before = atlas.server.usedBytes();
        Document archiveStats = atlas.client.getDatabase("archive").runCommand(new Document("dbStats", 1));

        atlas.client.getDatabase("archive").drop();

        assertThat(atlas.server.usedBytes()).isEqualTo(before - number(archiveStats, "totalSize"));
    }

    @Test
    void aRenameWithinADatabaseMovesTheBytesWithTheCollection() {
        Document before = shop.runCommand(new Document("collStats", "orders"));
        long used = atlas.server.usedBytes();

        shop.getCollection("orders").renameCollection(new MongoNamespace("shop", "orders_renamed"));

        Document after = shop.runCommand(new Document("collStats", "orders_renamed"));
        assertThat(number(after, "totalSize")).isEqualTo(number(before, "totalSize"));
        assertThat(number(shop.runCommand(new Document("collStats", "orders")), "totalSize")).isZero();
        assertThat(atlas.server.usedBytes()).isEqualTo(used);
    }

    @Test
    void theOplogBehindChangeStreamsDoesNotCountAgainstTheQuota() {
        try (AtlasServer withOplog = AtlasServer.startWithChangeStreams(AtlasProfile.m0().withOpsPerSecond(0));
             MongoClient client = ProfiledServer.newClient(withOplog)) {
            MongoCollection<RawBsonDocument> orders = client.getDatabase("shop").getCollection("orders", RawBsonDocument.class);
            try (MongoCursor<ChangeStreamDocument<RawBsonDocument>> changes = orders.watch().cursor()) {
                long documentBytes = insert(orders, 50, "order");

                assertThat(changes.next().getOperationType()).isEqualTo(OperationType.INSERT);
                assertThat(withOplog.usedBytes()).isEqualTo(documentBytes + 50 * NUMBER_KEY_ENTRY);
            }
        }
    }

    /** Inserts {@code count} documents with int ids and returns their BSON bytes, measured by the driver. */
    private static long insert(MongoCollection<RawBsonDocument> collection, int count, String prefix) {
        List<RawBsonDocument> documents = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            BsonDocument document = new BsonDocument("_id", new BsonInt32(i))
                    .append("name", new BsonString(prefix + "-" + i))
                    .append("note", new BsonString("n".repeat(i % 97)));
            RawBsonDocument raw = new RawBsonDocument(document, new BsonDocumentCodec());
            bytes += raw.getByteBuffer().remaining();
            documents.add(raw);
        }
        collection.insertMany(documents);
        return bytes;
    }

    private static long number(Document document, String field) {
        return ((Number) document.get(field)).longValue();
    }
}
