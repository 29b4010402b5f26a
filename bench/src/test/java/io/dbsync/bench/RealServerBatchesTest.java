package io.dbsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RealServerBatchesTest {
    private MongoServer server;
    private MongoClient client;
    private MongoDatabase db;

    @BeforeEach
    void start() {
        server = new MongoServer(new RealServerBatches(new MemoryBackend()));
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        db = client.getDatabase("shop");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void answersAFindWithoutBatchSizeWith101DocumentsFirstAsARealServerDoes() {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            documents.add(new Document("_id", i));
        }
        db.getCollection("small").insertMany(documents);

        Document first = db.runCommand(new Document("find", "small"));
        Document cursor = first.get("cursor", Document.class);
        Document next = db.runCommand(new Document("getMore", cursor.getLong("id")).append("collection", "small"));

        assertThat(cursor.getList("firstBatch", Document.class)).hasSize(101);
        assertThat(next.get("cursor", Document.class).getList("nextBatch", Document.class)).hasSize(199);
    }

    @Test
    void keepsEveryBatchUnder16MiBWhateverTheClientAsksFor() {
        String padding = "x".repeat(100_000);
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            documents.add(new Document("_id", i).append("padding", padding));
        }
        db.getCollection("large").insertMany(documents);

        Document first = db.runCommand(new Document("find", "large").append("batchSize", 1000));
        Document cursor = first.get("cursor", Document.class);
        Document next = db.runCommand(new Document("getMore", cursor.getLong("id")).append("collection", "large"));

        long perBatch = RealServerBatches.MAX_BATCH_BYTES / 100_020;
        assertThat(cursor.getList("firstBatch", Document.class)).hasSizeBetween((int) perBatch - 2, (int) perBatch);
        assertThat(next.get("cursor", Document.class).getList("nextBatch", Document.class)).hasSizeBetween((int) perBatch - 2,
                (int) perBatch);
    }

    @Test
    void leavesAFindWithASmallBatchSizeAsItIs() {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            documents.add(new Document("_id", i));
        }
        db.getCollection("few").insertMany(documents);

        Document first = db.runCommand(new Document("find", "few").append("batchSize", 20));

        assertThat(first.get("cursor", Document.class).getList("firstBatch", Document.class)).hasSize(20);
        assertThat(db.getCollection("few").find().into(new ArrayList<>())).hasSize(50);
    }
}
