package io.dbsync.api.sync.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.dbsync.api.sync.plan.CollectionKind;
import io.dbsync.api.sync.plan.CollectionPlan;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The reader re-opens after the last {@code _id} when the server kills its cursor mid-scan. */
class SourceScannerIT {
    private MongoServer server;
    private MongoClient client;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aKilledCursorIsResumedAfterTheLastIdWithoutDuplicatesOrGaps() throws Exception {
        MongoCollection<BsonDocument> collection = client.getDatabase("db").getCollection("mixed", BsonDocument.class);
        List<BsonDocument> documents = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            documents.add(new BsonDocument("_id", new BsonInt32(i)));
            documents.add(new BsonDocument("_id", new BsonString("s" + i)));
            documents.add(new BsonDocument("_id", new BsonObjectId()));
        }
        documents.add(new BsonDocument("_id", new org.bson.BsonMinKey()));
        documents.add(new BsonDocument("_id", new org.bson.BsonMaxKey()));
        documents.add(new BsonDocument("_id", new BsonDocument("tenant", new BsonInt32(1))));
        collection.insertMany(documents);
        CollectionPlan plan = new CollectionPlan("mixed", CollectionKind.COLLECTION, new BsonDocument(), 1_203, 0);
        List<BsonValue> seen = new ArrayList<>();
        int[] killsLeft = {3};

        int resumes = new SourceScanner(50, 5).scan(
                client.getDatabase("db").getCollection("mixed", RawBsonDocument.class), plan, document -> {
                    seen.add(document.get("_id"));
                    // Kill the open cursor at three points: inside the numbers, the strings and the ObjectIds.
                    if ((seen.size() == 175 || seen.size() == 610 || seen.size() == 1_020) && killsLeft[0]-- > 0) {
                        server.closeCursors(openCursorIds());
                    }
                });

        Set<BsonValue> distinct = new HashSet<>(seen);
        System.out.println("case=cursor-closed cursorResumes=" + resumes + " duplicates=" + (seen.size() - distinct.size()));
        assertThat(resumes).isEqualTo(3);
        assertThat(seen).hasSize(1_203);
        assertThat(distinct).hasSize(1_203);
        assertThat(seen.get(0).getBsonType() == org.bson.BsonType.MIN_KEY).isTrue();
        assertThat(seen.get(1_202).getBsonType() == org.bson.BsonType.MAX_KEY).isTrue();
    }

    @Test
    void givesUpAfterTheConfiguredNumberOfResumes() {
        MongoCollection<BsonDocument> collection = client.getDatabase("db").getCollection("c", BsonDocument.class);
        List<BsonDocument> documents = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            documents.add(new BsonDocument("_id", new BsonInt32(i)));
        }
        collection.insertMany(documents);
        CollectionPlan plan = new CollectionPlan("c", CollectionKind.COLLECTION, new BsonDocument(), 300, 0);
        int[] count = {0};

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SourceScanner(10, 1).scan(
                client.getDatabase("db").getCollection("c", RawBsonDocument.class), plan, document -> {
                    if (++count[0] % 25 == 0) {
                        server.closeCursors(openCursorIds());
                    }
                })).isInstanceOf(com.mongodb.MongoException.class);
    }

    /**
     * Every cursor id this server can have issued. mongo-java-server numbers cursors from a counter
     * and offers no listing, so closing the first ten thousand ids closes every open cursor of
     * these short tests (closing an unknown id is a no-op).
     */
    private static List<Long> openCursorIds() {
        return java.util.stream.LongStream.rangeClosed(1, 10_000).boxed().toList();
    }
}
