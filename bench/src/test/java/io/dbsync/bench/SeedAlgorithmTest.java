package io.dbsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class SeedAlgorithmTest {

    @Test
    void replacesEveryTargetCollectionWithTheSourceDocuments() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MongoDatabase source = client.getDatabase("src");
            MongoDatabase target = client.getDatabase("dst");
            source.getCollection("a").insertMany(List.of(new Document("_id", 1), new Document("_id", 2)));
            source.getCollection("b").insertOne(new Document("_id", "x").append("n", 3));
            target.getCollection("a").insertOne(new Document("_id", 99));

            SeedAlgorithm.Result result = SeedAlgorithm.run(source, target, 1);

            assertThat(result.documents()).isEqualTo(3);
            assertThat(target.getCollection("a").find().into(new java.util.ArrayList<>()))
                    .containsExactlyInAnyOrder(new Document("_id", 1), new Document("_id", 2));
            assertThat(target.getCollection("b").find().first()).isEqualTo(new Document("_id", "x").append("n", 3));
        } finally {
            server.shutdownNow();
        }
    }
}
