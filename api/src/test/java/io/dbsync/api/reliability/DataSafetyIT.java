package io.dbsync.api.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Collation;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import io.dbsync.api.sync.ProgressListener;
import io.dbsync.api.testing.ApiSetup;
import io.dbsync.api.testing.MongoSnapshot;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestServers;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Reliability cases 7, 11 and 13 (shared/design/reliability.md), over the real HTTP path. */
class DataSafetyIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = TestServers.operator();

    @RegisterExtension
    final TestServers servers = new TestServers();


    private TestMongo mongo() {
        return servers.mongo();
    }

    private TestApi api(TestMongo mongo, ProgressListener listener) {
        return servers.api(mongo, ApiSetup.defaults().withListener(listener));
    }

    private static String hex(BsonDocument document) {
        RawBsonDocument raw = new RawBsonDocument(document, new BsonDocumentCodec());
        java.nio.ByteBuffer buffer = raw.getByteBuffer().asNIO();
        StringBuilder hex = new StringBuilder();
        while (buffer.hasRemaining()) {
            hex.append(String.format("%02x", buffer.get()));
        }
        return hex.toString();
    }

    private static BsonDocument version(long id, int revision) {
        return new BsonDocument("_id", new BsonInt64(id)).append("revision", new BsonInt32(revision))
                .append("payload", new BsonString("v" + revision + "-" + "p".repeat(200)));
    }

    @Test
    void case7ACopyUnderAConcurrentWriterHoldsEveryDocumentAtSomeVersionItHad() throws Exception {
        TestMongo mongo = mongo();
        MongoCollection<BsonDocument> orders = mongo.sourceDb().getCollection("orders", BsonDocument.class);
        Map<Long, Set<String>> versions = new HashMap<>();
        List<BsonDocument> initial = new ArrayList<>();
        for (long id = 0; id < 10_000; id++) {
            BsonDocument doc = version(id, 0);
            initial.add(doc);
            versions.computeIfAbsent(id, k -> new HashSet<>()).add(hex(doc));
        }
        orders.insertMany(initial);
        long countAtStart = orders.countDocuments();
        CountDownLatch copying = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        TestApi api = api(mongo, (runId, collection, soFar) -> copying.countDown());
        // Inserts new documents and rewrites existing ones while the copy reads: bounded in count.
        CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> {
            Random random = new Random(7);
            int operations = 0;
            try {
                copying.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
            for (long next = 10_000; operations < 3_000 && !stop.get(); operations++) {
                BsonDocument doc;
                if (operations % 2 == 0) {
                    doc = version(next++, 0);
                    orders.insertOne(doc);
                } else {
                    doc = version(random.nextInt(10_000), operations);
                    orders.replaceOne(new Document("_id", doc.getInt64("_id").getValue()), doc, new ReplaceOptions());
                }
                synchronized (versions) {
                    versions.computeIfAbsent(doc.getInt64("_id").getValue(), k -> new HashSet<>()).add(hex(doc));
                }
            }
            return operations;
        });

        HttpResponse<String> response = api.send("POST", "/syncdb", AUTH);
        stop.set(true);
        int operations = writer.get(60, TimeUnit.SECONDS);
        long countAtEnd = orders.countDocuments();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> target = MongoSnapshot.of(mongo.targetDb()).documentsHex().get("orders");
        Set<Long> ids = new HashSet<>();
        int foreign = 0;
        for (RawBsonDocument doc : mongo.targetDb().getCollection("orders", RawBsonDocument.class).find().batchSize(1000)) {
            long id = doc.getInt64("_id").getValue();
            ids.add(id);
            BsonDocument decoded = doc.decode(new BsonDocumentCodec());
            synchronized (versions) {
                if (!versions.getOrDefault(id, Set.of()).contains(hex(decoded))) {
                    foreign++;
                }
            }
        }
        System.out.println("case=concurrent-writer writerOps=" + operations + " countAtStart=" + countAtStart
                + " targetCount=" + target.size() + " countAtEnd=" + countAtEnd + " duplicates=" + (target.size() - ids.size())
                + " unknownVersions=" + foreign);
        assertThat(operations).isPositive();
        assertThat((long) target.size()).isBetween(countAtStart, countAtEnd);
        assertThat(ids).hasSize(target.size());
        assertThat(foreign).isZero();
    }

    @Test
    void case11AnAlmost16MegabyteDocumentAmong10kFiveKilobyteOnesIsCopiedByteForByte() throws Exception {
        TestMongo mongo = mongo();
        MongoCollection<BsonDocument> blobs = mongo.sourceDb().getCollection("blobs", BsonDocument.class);
        byte[] big = new byte[15_900_000];
        new Random(11).nextBytes(big);
        blobs.insertOne(new BsonDocument("_id", new BsonInt32(-1)).append("data", new BsonBinary(big)));
        List<BsonDocument> batch = new ArrayList<>();
        byte[] small = new byte[5_000];
        for (int i = 0; i < 10_000; i++) {
            small[i % small.length] = (byte) i;
            batch.add(new BsonDocument("_id", new BsonInt32(i)).append("data", new BsonBinary(small.clone())));
            if (batch.size() == 500) {
                blobs.insertMany(batch);
                batch.clear();
            }
        }
        TestApi api = api(mongo, ProgressListener.NONE);

        HttpResponse<String> response = api.send("POST", "/syncdb", AUTH);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("documents").asLong()).isEqualTo(10_001);
        boolean byteEqual = MongoSnapshot.of(mongo.targetDb()).equals(MongoSnapshot.of(mongo.sourceDb()));
        System.out.println("case=large-document documents=10001 bytes=" + JSON.readTree(response.body()).get("bytes").asLong()
                + " byteEqual=" + byteEqual + " (peak heap of the copy: see MemoryFlatIT and bench/)");
        assertThat(byteEqual).isTrue();
    }

    @Test
    void case13EveryKindOfIndexArrivesWithTheSameSpec() throws Exception {
        TestMongo mongo = mongo();
        MongoCollection<Document> people = mongo.sourceDb().getCollection("people");
        people.insertOne(new Document("email", "a@example.com").append("age", 30));
        people.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
        people.createIndex(Indexes.compoundIndex(Indexes.ascending("last"), Indexes.descending("first")));
        people.createIndex(Indexes.ascending("age"), new IndexOptions().partialFilterExpression(new Document("age", new Document("$gt", 18))));
        people.createIndex(Indexes.ascending("expiresAt"), new IndexOptions().expireAfter(60L, TimeUnit.SECONDS));
        people.createIndex(Indexes.ascending("nickname"), new IndexOptions().sparse(true));
        people.createIndex(Indexes.ascending("city"), new IndexOptions().collation(Collation.builder().locale("de").build()));
        people.createIndex(Indexes.ascending("legacy"), new IndexOptions().hidden(true));
        TestApi api = api(mongo, ProgressListener.NONE);

        HttpResponse<String> response = api.send("POST", "/syncdb", AUTH);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<BsonDocument> source = MongoSnapshot.of(mongo.sourceDb()).indexes().get("people");
        List<BsonDocument> target = MongoSnapshot.of(mongo.targetDb()).indexes().get("people");
        int specDiff = 0;
        for (int i = 0; i < Math.max(source.size(), target.size()); i++) {
            if (i >= source.size() || i >= target.size() || !source.get(i).equals(target.get(i))) {
                specDiff++;
            }
        }
        System.out.println("case=index-specs indexes=" + source.size() + " specDiff=" + specDiff);
        assertThat(source).hasSize(8);
        assertThat(specDiff).isZero();
    }
}
