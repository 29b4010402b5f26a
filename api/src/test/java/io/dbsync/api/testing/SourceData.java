package io.dbsync.api.testing;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Collation;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.BsonBinary;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Realistic source contents: several collections, many BSON types, assorted indexes, an empty collection. */
public final class SourceData {
    private SourceData() {
    }

    public static void seed(MongoDatabase db, int customers, int orders) {
        MongoCollection<BsonDocument> customerCollection = db.getCollection("customers", BsonDocument.class);
        List<BsonDocument> batch = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            batch.add(customer(i));
            if (batch.size() == 500) {
                customerCollection.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            customerCollection.insertMany(batch);
        }
        customerCollection.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true).name("email_unique"));
        customerCollection.createIndex(Indexes.compoundIndex(Indexes.ascending("lastName"), Indexes.descending("firstName")));
        customerCollection.createIndex(Indexes.ascending("loyaltyId"), new IndexOptions().sparse(true));
        customerCollection.createIndex(Indexes.ascending("sessionExpiresAt"), new IndexOptions().expireAfter(3600L, TimeUnit.SECONDS));
        customerCollection.createIndex(Indexes.ascending("vipSince"),
                new IndexOptions().partialFilterExpression(new Document("vip", true)).name("vip_partial"));

        MongoCollection<BsonDocument> orderCollection = db.getCollection("orders", BsonDocument.class);
        batch.clear();
        for (long i = 0; i < orders; i++) {
            batch.add(order(i, customers));
            if (batch.size() == 500) {
                orderCollection.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            orderCollection.insertMany(batch);
        }
        orderCollection.createIndex(Indexes.compoundIndex(Indexes.ascending("customerId"), Indexes.descending("placedAt")));
        orderCollection.createIndex(Indexes.ascending("status"),
                new IndexOptions().collation(Collation.builder().locale("en").build()).name("status_en"));

        seedMixedIds(db.getCollection("events", BsonDocument.class));
        db.createCollection("audit_log");
    }

    static BsonDocument customer(int i) {
        BsonDocument doc = new BsonDocument("_id", new BsonObjectId(new ObjectId(new Date(1_700_000_000_000L + i * 1000L), i)))
                .append("email", new BsonString("customer" + i + "@example.com"))
                .append("firstName", new BsonString("First" + (i % 97)))
                .append("lastName", new BsonString("Last" + (i % 53)))
                .append("balance", new BsonDecimal128(new Decimal128(new BigDecimal(i).movePointLeft(2))))
                .append("score", new BsonDouble(i % 7 == 0 ? -0.0 : i / 3.0))
                .append("createdAt", new BsonDateTime(1_600_000_000_000L + i))
                .append("address", new BsonDocument("city", new BsonString("City" + (i % 11)))
                        .append("zip", new BsonString(String.format("%05d", i))))
                .append("tags", new org.bson.BsonArray(List.of(new BsonString("t" + (i % 3)), new BsonInt32(i))));
        if (i % 5 == 0) {
            doc.append("loyaltyId", new BsonInt64(100_000L + i));
        }
        if (i % 10 == 0) {
            doc.append("vip", org.bson.BsonBoolean.TRUE).append("vipSince", new BsonDateTime(1_650_000_000_000L));
        }
        return doc;
    }

    public static BsonDocument order(long i, int customers) {
        return new BsonDocument("_id", new BsonInt64(i))
                .append("customerId", new BsonInt32((int) (i % Math.max(1, customers))))
                .append("placedAt", new BsonDateTime(1_690_000_000_000L + i * 60_000))
                .append("status", new BsonString(i % 3 == 0 ? "shipped" : "Open"))
                .append("total", new BsonDouble(i * 1.25))
                .append("lines", new org.bson.BsonArray(List.of(
                        new BsonDocument("sku", new BsonString("sku-" + (i % 40))).append("qty", new BsonInt32(1)))))
                .append("note", new BsonString("x".repeat((int) (i % 200))));
    }

    /** {@code _id}s of many types, so ordering and resuming across type brackets are exercised. */
    static void seedMixedIds(MongoCollection<BsonDocument> events) {
        List<BsonDocument> docs = new ArrayList<>();
        docs.add(new BsonDocument("_id", new BsonMinKey()).append("k", new BsonString("min")));
        docs.add(new BsonDocument("_id", new BsonMaxKey()).append("k", new BsonString("max")));
        for (int i = 0; i < 150; i++) {
            docs.add(new BsonDocument("_id", new BsonInt32(i)).append("k", new BsonString("int")));
            docs.add(new BsonDocument("_id", new BsonString("evt-" + i)).append("k", new BsonString("string")));
            docs.add(new BsonDocument("_id", new BsonObjectId(new ObjectId())).append("k", new BsonString("oid"))
                    .append("at", new BsonTimestamp(1_700_000_000, i))
                    .append("re", new BsonRegularExpression("^evt-" + i, "i"))
                    .append("uuid", new BsonBinary(UUID.nameUUIDFromBytes(("u" + i).getBytes())))
                    .append("blob", new BsonBinary(new byte[] {1, 2, (byte) i}))
                    .append("nan", new BsonDouble(Double.NaN))
                    .append("inf", new BsonDouble(Double.NEGATIVE_INFINITY)));
            docs.add(new BsonDocument("_id", new BsonDocument("tenant", new BsonInt32(i % 4)).append("seq", new BsonInt32(i)))
                    .append("k", new BsonString("compound")));
        }
        events.insertMany(docs);
    }

    /**
     * Another round of churn, repeatable: inserts 40 orders from {@code firstNewId}, updates 30, and
     * deletes 10 of the ones the previous round (100 ids lower) inserted.
     */
    public static void churnOrders(MongoDatabase source, long firstNewId) {
        MongoCollection<BsonDocument> orders = source.getCollection("orders", BsonDocument.class);
        for (long i = 0; i < 40; i++) {
            orders.insertOne(SourceData.order(firstNewId + i, 300));
        }
        for (long i = 0; i < 30; i++) {
            orders.updateOne(Filters.eq("_id", (firstNewId / 100 * 7 + i) % 200), Updates.set("status", "churn-" + firstNewId));
        }
        for (long i = 0; i < 10; i++) {
            orders.deleteOne(Filters.eq("_id", firstNewId - 100 + i));
        }
    }

    /** Inserts 40, updates 30 ($set), replaces 20 and deletes 10 orders; returns the changes by kind. */
    public static Map<String, Integer> churnOrders(MongoDatabase source) {
        MongoCollection<BsonDocument> orders = source.getCollection("orders", BsonDocument.class);
        for (long i = 0; i < 40; i++) {
            orders.insertOne(SourceData.order(10_000 + i, 300));
        }
        for (long i = 0; i < 30; i++) {
            orders.updateOne(Filters.eq("_id", i), Updates.set("status", "refunded-" + i));
        }
        for (long i = 100; i < 120; i++) {
            orders.replaceOne(Filters.eq("_id", i), new BsonDocument("_id", new BsonInt64(i)).append("replaced", new BsonString("yes")));
        }
        for (long i = 200; i < 210; i++) {
            orders.deleteOne(Filters.eq("_id", i));
        }
        return Map.of("inserted", 40, "updated", 30, "replaced", 20, "deleted", 10);
    }
}
