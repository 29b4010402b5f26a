package io.dbsync.api.sync.guard;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;

/** What "the app" does to the standby after a failover, one kind at a time. */
enum ForeignWrite {
    INSERT("orders") {
        @Override
        void apply(MongoDatabase standby) {
            standby.getCollection("orders").insertOne(new Document("_id", 9_000_001L).append("status", "placed-on-standby"));
        }
    },
    UPDATE("orders") {
        @Override
        void apply(MongoDatabase standby) {
            standby.getCollection("orders").updateOne(Filters.eq("_id", 1L), Updates.set("status", "edited-on-standby"));
        }
    },
    DELETE("orders") {
        @Override
        void apply(MongoDatabase standby) {
            standby.getCollection("orders").deleteOne(Filters.eq("_id", 2L));
        }
    },
    DROP("customers") {
        @Override
        void apply(MongoDatabase standby) {
            standby.getCollection("customers").drop();
        }
    },
    CREATE("app_audit") {
        @Override
        void apply(MongoDatabase standby) {
            standby.getCollection("app_audit").insertOne(new Document("_id", 1).append("who", "the app, after the failover"));
        }
    };

    /** The collection the write touches. */
    final String collection;

    ForeignWrite(String collection) {
        this.collection = collection;
    }

    abstract void apply(MongoDatabase standby);
}
