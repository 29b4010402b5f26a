package io.dbsync.api.sync.guard;

import com.mongodb.client.MongoCollection;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.RawBsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/** A collection's lowest and highest {@code _id}, as extended JSON (null for an empty collection). */
record IdBounds(String min, String max) {
    private static final JsonWriterSettings EXTENDED = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    static IdBounds read(MongoCollection<RawBsonDocument> collection) {
        return new IdBounds(end(collection, 1), end(collection, -1));
    }

    private static String end(MongoCollection<RawBsonDocument> collection, int direction) {
        RawBsonDocument first = collection.find().projection(new BsonDocument("_id", new BsonInt32(1)))
                .sort(new BsonDocument("_id", new BsonInt32(direction))).limit(1).first();
        return first == null ? null : new BsonDocument("_id", first.get("_id")).toJson(EXTENDED);
    }
}
