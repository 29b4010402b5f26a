package io.dbsync.api.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Collation;
import com.mongodb.client.model.CreateCollectionOptions;
import com.mongodb.client.model.CreateViewOptions;
import com.mongodb.client.model.TimeSeriesOptions;
import com.mongodb.client.model.ValidationOptions;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestServers;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Collection options only a real MongoDB reports and enforces. Runs when DBSYNC_TEST_MONGODB_URI
 * names one (for example mongodb://localhost:27017); skipped otherwise.
 */
class RealMongoIT {
    private static final String NEEDS_REAL_MONGODB = "needs a real MongoDB: set " + TestMongo.REAL_MONGODB_VARIABLE
            + " (mongo-java-server does not report validators, views, capped or time-series collections)";

    private TestMongo mongo;
    private TestApi api;

    @org.junit.jupiter.api.BeforeAll
    static void sayWhySkipped() {
        if (TestMongo.realMongoUri() == null) {
            System.out.println("skipped RealMongoIT: " + NEEDS_REAL_MONGODB);
        }
    }

    @BeforeEach
    void start() {
        assumeTrue(TestMongo.realMongoUri() != null, NEEDS_REAL_MONGODB);
        mongo = TestMongo.start();
        api = TestApi.start(mongo);
        api.addUser(TestServers.USER, TestServers.PASSWORD);
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
        if (mongo != null) {
            mongo.close();
        }
    }

    private void sync() throws InterruptedException {
        var response = api.send("POST", "/syncdb", TestServers.operator());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static BsonDocument info(MongoDatabase db, String name) {
        for (BsonDocument info : db.listCollections(BsonDocument.class)) {
            if (info.getString("name").getValue().equals(name)) {
                return info;
            }
        }
        throw new AssertionError("no collection " + name);
    }

    private static BsonDocument optionsOf(MongoDatabase db, String name) {
        return info(db, name).getDocument("options");
    }

    @Test
    void validatorAndCollationAreCopiedAndDocumentsTheValidatorWouldRejectStillArrive() throws Exception {
        MongoDatabase source = mongo.sourceDb();
        source.createCollection("people", new CreateCollectionOptions()
                .collation(Collation.builder().locale("fr").build())
                .validationOptions(new ValidationOptions().validator(new Document("email", new Document("$exists", true)))));
        source.getCollection("people").insertOne(new Document("email", "a@example.com"));
        // Tightened after the fact: the existing document would now be rejected on insert.
        source.runCommand(new Document("collMod", "people").append("validator", new Document("phone", new Document("$exists", true))));

        sync();

        assertThat(optionsOf(mongo.targetDb(), "people")).isEqualTo(optionsOf(source, "people"));
        assertThat(mongo.targetDb().getCollection("people").countDocuments()).isEqualTo(1);
    }

    @Test
    void viewsAreRecreatedAsDefinitionsNotMaterialised() throws Exception {
        MongoDatabase source = mongo.sourceDb();
        source.getCollection("orders").insertMany(List.of(new Document("status", "open"), new Document("status", "shipped")));
        source.createView("open_orders", "orders", List.of(new Document("$match", new Document("status", "open"))),
                new CreateViewOptions());

        sync();

        BsonDocument view = info(mongo.targetDb(), "open_orders");
        assertThat(view.getString("type").getValue()).isEqualTo("view");
        assertThat(view.getDocument("options")).isEqualTo(optionsOf(source, "open_orders"));
        assertThat(mongo.targetDb().getCollection("open_orders").countDocuments()).isEqualTo(1);
    }

    @Test
    void aCappedCollectionKeepsItsOptionsAndInsertionOrder() throws Exception {
        MongoDatabase source = mongo.sourceDb();
        source.createCollection("log", new CreateCollectionOptions().capped(true).sizeInBytes(1 << 20).maxDocuments(100));
        for (int i = 0; i < 150; i++) {
            source.getCollection("log").insertOne(new Document("_id", 1_000 - i).append("seq", i));
        }

        sync();

        assertThat(optionsOf(mongo.targetDb(), "log")).isEqualTo(optionsOf(source, "log"));
        List<Integer> sourceOrder = source.getCollection("log").find().map(d -> d.getInteger("seq")).into(new ArrayList<>());
        List<Integer> targetOrder = mongo.targetDb().getCollection("log").find().map(d -> d.getInteger("seq")).into(new ArrayList<>());
        assertThat(targetOrder).hasSize(100).isEqualTo(sourceOrder);
    }

    @Test
    void aTimeSeriesCollectionArrivesAsATimeSeriesCollection() throws Exception {
        MongoDatabase source = mongo.sourceDb();
        source.createCollection("metrics", new CreateCollectionOptions().timeSeriesOptions(new TimeSeriesOptions("t").metaField("host")));
        for (int i = 0; i < 50; i++) {
            source.getCollection("metrics").insertOne(new Document("t", new Date(1_700_000_000_000L + i * 1000L))
                    .append("host", "h" + (i % 3)).append("cpu", i));
        }

        sync();

        assertThat(info(mongo.targetDb(), "metrics").getString("type").getValue()).isEqualTo("timeseries");
        assertThat(mongo.targetDb().getCollection("metrics").countDocuments()).isEqualTo(50);
    }
}
