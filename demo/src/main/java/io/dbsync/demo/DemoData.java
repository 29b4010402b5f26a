package io.dbsync.demo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.Decimal128;

/** A small shop: customers, products, orders and sessions with realistic indexes, plus an empty collection. */
final class DemoData {
    static final int CUSTOMERS = 2_000;
    static final int PRODUCTS = 300;
    static final int ORDERS = 10_000;

    private DemoData() {
    }

    static void seed(MongoDatabase db) {
        Random random = new Random(42);
        insert(db.getCollection("customers"), CUSTOMERS, i -> new Document("email", "customer" + i + "@example.com")
                .append("name", "Customer " + i)
                .append("country", List.of("DE", "FR", "US", "BR", "JP").get(i % 5))
                .append("signedUpAt", new Date(1_600_000_000_000L + i * 86_400_000L)));
        db.getCollection("customers").createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
        db.getCollection("customers").createIndex(Indexes.compoundIndex(Indexes.ascending("country"), Indexes.descending("signedUpAt")));

        insert(db.getCollection("products"), PRODUCTS, i -> new Document("_id", "sku-" + i)
                .append("title", "Product " + i)
                .append("price", new Decimal128(new java.math.BigDecimal(random.nextInt(10_000)).movePointLeft(2)))
                .append("tags", List.of("tag" + (i % 7), "tag" + (i % 11))));
        db.getCollection("products").createIndex(Indexes.ascending("tags"));

        insert(db.getCollection("orders"), ORDERS, i -> new Document("_id", (long) i)
                .append("customer", "customer" + random.nextInt(CUSTOMERS) + "@example.com")
                .append("lines", List.of(new Document("sku", "sku-" + random.nextInt(PRODUCTS)).append("qty", 1 + random.nextInt(3))))
                .append("status", i % 4 == 0 ? "shipped" : "open")
                .append("placedAt", new Date(1_700_000_000_000L + i * 60_000L)));
        db.getCollection("orders").createIndex(Indexes.compoundIndex(Indexes.ascending("customer"), Indexes.descending("placedAt")));
        db.getCollection("orders").createIndex(Indexes.ascending("status"),
                new IndexOptions().partialFilterExpression(new Document("status", "open")));

        insert(db.getCollection("sessions"), 50, i -> new Document("token", "t" + i)
                .append("expiresAt", new Date(System.currentTimeMillis() + TimeUnit.DAYS.toMillis(1))));
        db.getCollection("sessions").createIndex(Indexes.ascending("expiresAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));

        db.createCollection("audit_log");
    }

    private static void insert(MongoCollection<Document> collection, int count, java.util.function.IntFunction<Document> make) {
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(make.apply(i));
            if (batch.size() == 1_000) {
                collection.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            collection.insertMany(batch);
        }
    }
}
