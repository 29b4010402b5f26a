package io.dbsync.api.sync.mongo;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonTimestamp;

/**
 * The source's notion of "now" as an operation time: where a run's change-stream drain stops, and
 * where a full copy's stream position starts when the server hands out no resume token up front.
 */
public final class ClusterClock {
    private static final long MAX_INCREMENT = 0xFFFFFFFFL;

    private ClusterClock() {
    }

    /**
     * The source's time, from {@code hello} (or {@code isMaster} on servers without it): its
     * {@code operationTime} on a replica set, else the second of its {@code localTime}.
     */
    public static Now now(MongoDatabase source) {
        BsonDocument reply = hello(source);
        if (reply.isTimestamp("operationTime")) {
            return new Now(reply.getTimestamp("operationTime"), true);
        }
        if (reply.isDocument("$clusterTime") && reply.getDocument("$clusterTime").isTimestamp("clusterTime")) {
            return new Now(reply.getDocument("$clusterTime").getTimestamp("clusterTime"), true);
        }
        long seconds = reply.isDateTime("localTime") ? reply.getDateTime("localTime").getValue() / 1000
                : System.currentTimeMillis() / 1000;
        return new Now(new BsonTimestamp((int) seconds, 0), false);
    }

    /**
     * A moment on the source's clock.
     *
     * @param exact true when the server gave its operation time; false when only its wall clock
     *              (to the second) is known
     */
    public record Now(BsonTimestamp time, boolean exact) {

        /** No change before this moment is missed when a stream starts here. */
        public BsonTimestamp floor() {
            return time;
        }

        /** Every change up to this moment is applied by a drain that stops here. */
        public BsonTimestamp ceiling() {
            return exact ? time : new BsonTimestamp(time.getTime(), (int) MAX_INCREMENT);
        }
    }

    private static BsonDocument hello(MongoDatabase source) {
        try {
            return source.runCommand(new BsonDocument("hello", new BsonInt32(1)), BsonDocument.class);
        } catch (MongoCommandException e) {
            // Servers before 4.4.2 (and the test server) only know the legacy name.
            return source.runCommand(new BsonDocument("isMaster", new BsonInt32(1)), BsonDocument.class);
        }
    }
}
