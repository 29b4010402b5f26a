package io.dbsync.api.sync.mongo;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCluster;
import com.mongodb.client.MongoDatabase;
import io.dbsync.api.sync.plan.StagingNames;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * How much the standby holds now, counted as Atlas counts its quota: uncompressed data plus index
 * bytes, over every database of the cluster ({@code dbStats}), and per collection of the standby
 * database ({@code collStats}); and how many collections the cluster has.
 *
 * @param collectionBytes data + index bytes of each collection of the standby database
 */
public record StorageUsage(long usedBytes, Map<String, Long> collectionBytes, int collections) {
    /** Databases the server keeps for itself: not counted against a user's quota or collection limit. */
    private static final Set<String> SYSTEM_DATABASES = Set.of("admin", "local", "config");

    public static StorageUsage read(MongoCluster cluster, MongoDatabase standby) {
        long used = 0;
        int collections = 0;
        BsonDocument databases = cluster.getDatabase("admin").runCommand(
                new BsonDocument("listDatabases", new BsonInt32(1)).append("nameOnly", org.bson.BsonBoolean.TRUE),
                BsonDocument.class);
        for (BsonValue database : databases.getArray("databases")) {
            String name = database.asDocument().getString("name").getValue();
            if (SYSTEM_DATABASES.contains(name)) {
                continue;
            }
            BsonDocument stats = cluster.getDatabase(name).runCommand(new BsonDocument("dbStats", new BsonInt32(1)),
                    BsonDocument.class);
            used += number(stats.get("dataSize")) + number(stats.get("indexSize"));
            collections += (int) number(stats.get("collections")) + (int) number(stats.get("views"));
        }
        Map<String, Long> perCollection = new LinkedHashMap<>();
        for (String name : standby.listCollectionNames()) {
            if (!StagingNames.isSkipped(name)) {
                perCollection.put(name, collectionBytes(standby, name));
            }
        }
        return new StorageUsage(used, perCollection, collections);
    }

    private static long collectionBytes(MongoDatabase standby, String name) {
        try {
            BsonDocument stats = standby.runCommand(new BsonDocument("collStats", new BsonString(name)), BsonDocument.class);
            return number(stats.get("size")) + number(stats.get("totalIndexSize"));
        } catch (MongoCommandException e) {
            return 0; // a view, or a server without collStats: nothing known to free
        }
    }

    private static long number(BsonValue value) {
        return value != null && value.isNumber() ? value.asNumber().longValue() : 0;
    }
}
