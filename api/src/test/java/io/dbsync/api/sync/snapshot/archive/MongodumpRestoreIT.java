package io.dbsync.api.sync.snapshot.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.dbsync.api.MainRunner;
import io.dbsync.api.config.DatabaseUrl;
import io.dbsync.api.testing.MongoSnapshot;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestPostgres;
import io.dbsync.api.testing.TestServers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dbsync restore --file} with the archive mongodump 100.8.0 wrote (the committed fixture):
 * every document comes back as {@link MongodumpFixtureData} defines it, with its indexes; the same
 * archive cut short is refused and the destination is left as it was.
 */
class MongodumpRestoreIT {
    @RegisterExtension
    final TestServers servers = new TestServers();
    @TempDir
    Path directory;

    private Map<String, String> env(TestMongo mongo) {
        DatabaseUrl database = TestPostgres.freshDatabase();
        Map<String, String> env = new HashMap<>();
        String hostAndDb = database.jdbcUrl().substring("jdbc:postgresql://".length()).replaceFirst("\\?.*$", "");
        env.put("DATABASE_URL", "postgres://" + database.username() + ":" + database.password() + "@" + hostAndDb);
        env.put("SCRATCH", mongo.targetServerUri("restored"));
        return env;
    }

    private Path fixture() throws IOException {
        Path file = directory.resolve("mongodump-100.8.0.archive.gz");
        try (InputStream in = MongodumpRestoreIT.class.getResourceAsStream("/snapshot/mongodump-100.8.0.archive.gz")) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void anArchiveMongodumpWroteIsRestoredWithEveryDocumentAndIndex() throws IOException {
        TestMongo mongo = servers.mongo();

        MainRunner.Result restore = MainRunner.run(env(mongo), "", "restore", "--file", fixture().toString(), "--to-env",
                "SCRATCH");

        assertThat(restore.exitCode()).as(restore.err() + restore.out()).isZero();
        MongoDatabase restored = mongo.targetServerDb("restored");
        assertThat(documents(restored, MongodumpFixtureData.CUSTOMERS)).containsExactlyInAnyOrderElementsOf(
                MongodumpFixtureData.customers());
        assertThat(documents(restored, MongodumpFixtureData.SESSIONS)).containsExactlyInAnyOrderElementsOf(
                MongodumpFixtureData.sessions());
        assertThat(restored.listCollectionNames().into(new ArrayList<>())).containsExactlyInAnyOrder(
                MongodumpFixtureData.CUSTOMERS, MongodumpFixtureData.SESSIONS, MongodumpFixtureData.AUDIT);
        assertThat(indexKeys(restored, MongodumpFixtureData.CUSTOMERS)).containsExactlyInAnyOrder(
                new BsonDocument("_id", new BsonInt32(1)), MongodumpFixtureData.customersEmailIndexKey(),
                MongodumpFixtureData.customersNameIndexKey());
        assertThat(indexKeys(restored, MongodumpFixtureData.SESSIONS)).contains(MongodumpFixtureData.sessionsTtlIndexKey());
        assertThat(restore.out()).contains("restoring archive file").contains("completed: 50 documents");
        System.out.println("case=restore-mongodump-fixture " + restore.out().lines().filter(line -> line.startsWith("restore "))
                .findFirst().orElse(""));
    }

    @Test
    void aTruncatedArchiveIsRefusedAndTheDestinationKeepsWhatItHad() throws IOException {
        TestMongo mongo = servers.mongo();
        MongoDatabase restored = mongo.targetServerDb("restored");
        restored.getCollection(MongodumpFixtureData.CUSTOMERS).insertOne(new Document("_id", "before").append("kept", true));
        MongoSnapshot before = MongoSnapshot.of(restored);
        Path file = fixture();
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length * 2 / 3));

        MainRunner.Result restore = MainRunner.run(env(mongo), "", "restore", "--file", file.toString(), "--to-env", "SCRATCH");

        assertThat(restore.exitCode()).as(restore.out()).isEqualTo(3);
        assertThat(restore.out()).contains("refused: damaged archive").containsPattern("at byte \\d+")
                .contains("the destination is unchanged");
        assertThat(MongoSnapshot.of(restored)).isEqualTo(before);
        System.out.println("case=restore-truncated " + restore.out().lines().filter(line -> line.startsWith("refused"))
                .findFirst().orElse(""));
    }

    private static List<BsonDocument> documents(MongoDatabase database, String collection) {
        return database.getCollection(collection, BsonDocument.class).find().sort(new BsonDocument("_id", new BsonInt32(1)))
                .into(new ArrayList<>());
    }

    private static List<BsonDocument> indexKeys(MongoDatabase database, String collection) {
        List<BsonDocument> keys = new ArrayList<>();
        database.getCollection(collection).listIndexes(BsonDocument.class).forEach(spec -> keys.add(spec.getDocument("key")));
        return keys;
    }
}
