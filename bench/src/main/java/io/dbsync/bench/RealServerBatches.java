package io.dbsync.bench;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.dbsync.testkit.DelegatingBackend;
import io.netty.channel.Channel;
import java.util.List;

/**
 * Gives a mongo-java-server backend a real server's cursor batches: a {@code find} or {@code aggregate}
 * without a batch size answers 101 documents first, and no batch holds more than 16 MiB (by the
 * collection's mean document size). mongo-java-server alone answers a cursor without a batch size with
 * every remaining document in one reply, which for a 50 MB collection is larger than the drivers' 48 MB
 * message limit: mongodump, which sets no batch size, then fails ("length of read message too large")
 * where against a real server it reads the collection in batches. Clients that set a batch size under the
 * limit (dbsync, the seed's algorithm, the scans here) see no difference.
 */
final class RealServerBatches extends DelegatingBackend {
    static final int FIRST_BATCH = 101;
    static final long MAX_BATCH_BYTES = 16L * 1024 * 1024;

    RealServerBatches(MongoBackend delegate) {
        super(delegate);
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        limit(message.getDatabaseName(), message.getDocument());
        return delegate.handleMessage(message);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        limit(database, query);
        return delegate.handleCommand(channel, database, command, query);
    }

    /** Sets or lowers the batch size of a cursor command, in place, before the backend sees it. */
    void limit(String database, Document command) {
        if (command == null || command.isEmpty()) {
            return;
        }
        String name = command.keySet().iterator().next();
        switch (name) {
            case "find" -> command.put("batchSize", limited(database, command.get("find"), command.get("batchSize"), FIRST_BATCH));
            case "getMore" -> command.put("batchSize", limited(database, command.get("collection"), command.get("batchSize"),
                    Integer.MAX_VALUE));
            case "aggregate" -> {
                if (command.get("cursor") instanceof Document cursor && !isWrite(command)) {
                    cursor.put("batchSize", limited(database, command.get("aggregate"), cursor.get("batchSize"), FIRST_BATCH));
                }
            }
            default -> {
                // not a cursor command
            }
        }
    }

    private int limited(String database, Object collection, Object requested, int whenUnset) {
        int asked = requested instanceof Number n && n.intValue() > 0 ? n.intValue() : whenUnset;
        return (int) Math.max(1, Math.min(asked, MAX_BATCH_BYTES / meanDocumentBytes(database, collection)));
    }

    private long meanDocumentBytes(String database, Object collection) {
        if (!(collection instanceof String name)) {
            return 1;
        }
        try {
            MongoDatabase db = delegate.resolveDatabase(database);
            MongoCollection<?> resolved = db == null ? null : db.resolveCollection(name, false);
            if (resolved == null) {
                return 1;
            }
            Document stats = resolved.getStats();
            long count = stats.get("count") instanceof Number n ? n.longValue() : 0;
            long size = stats.get("size") instanceof Number n ? n.longValue() : 0;
            return count == 0 ? 1 : Math.max(1, size / count);
        } catch (RuntimeException e) {
            return 1; // no such database or collection yet: the backend answers that itself
        }
    }

    private static boolean isWrite(Document aggregate) {
        return aggregate.get("pipeline") instanceof List<?> stages && !stages.isEmpty()
                && stages.get(stages.size() - 1) instanceof Document last && (last.containsKey("$out") || last.containsKey("$merge"));
    }
}
