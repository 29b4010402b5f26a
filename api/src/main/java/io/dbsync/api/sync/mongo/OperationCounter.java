package io.dbsync.api.sync.mongo;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.dbsync.api.sync.plan.StagingNames;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Counts the operations (commands, each one round trip) a client sends to its server — Atlas's
 * shared tiers budget them (M0: 100 per second) — in total and per collection (a staging
 * collection counts for the collection it stages).
 */
public final class OperationCounter implements CommandListener {
    /** Commands whose first field names the collection they act on. */
    private static final Set<String> ON_A_COLLECTION = Set.of("find", "insert", "update", "delete", "aggregate", "count",
            "distinct", "createIndexes", "listIndexes", "dropIndexes", "collStats", "create", "drop", "findAndModify",
            "killCursors");

    private final AtomicLong total = new AtomicLong();
    private final Map<String, LongAdder> byCollection = new ConcurrentHashMap<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        total.incrementAndGet();
        String collection = collectionOf(event.getCommandName(), event.getCommand());
        if (collection != null) {
            byCollection.computeIfAbsent(collection, name -> new LongAdder()).increment();
        }
    }

    public long total() {
        return total.get();
    }

    /** Operations per collection since the last {@link #resetCollections()}, by collection name. */
    public Map<String, Long> byCollection() {
        Map<String, Long> counts = new TreeMap<>();
        byCollection.forEach((name, count) -> counts.put(name, count.sum()));
        return counts;
    }

    public void resetCollections() {
        byCollection.clear();
    }

    static String collectionOf(String commandName, BsonDocument command) {
        BsonValue value = commandName.equals("getMore") ? command.get("collection")
                : ON_A_COLLECTION.contains(commandName) ? command.get(commandName)
                : commandName.equals("renameCollection") ? command.get("to") : null;
        if (value == null || !value.isString()) {
            return null;
        }
        String name = value.asString().getValue();
        if (commandName.equals("renameCollection")) {
            name = name.substring(name.indexOf('.') + 1);
        }
        if (StagingNames.isStaging(name)) {
            name = name.substring(0, name.indexOf(StagingNames.MARKER));
            int hashed = name.lastIndexOf('~');
            name = hashed > 0 ? name.substring(0, hashed) : name;
        }
        return name;
    }
}
