package io.dbsync.api.sync.copy;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.dbsync.api.sync.mongo.IndexSpecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * Creates a collection with its source's options (validator, collation, capped, time-series,
 * clustered …). An option the standby refuses as disallowed — Atlas's shared tiers refuse
 * {@code storageEngine}: {@code (AtlasError) parameter storageEngine is disallowed in create command}
 * — is dropped and named, instead of failing the run.
 */
final class CollectionCreator {
    // Options the server reports but refuses (or ignores) when creating a collection.
    private static final Set<String> UNCREATABLE_OPTIONS = Set.of("autoIndexId", "uuid");
    private static final Pattern DISALLOWED = Pattern.compile("parameter (\\w+) is disallowed");

    /** A new collection, and the source options the standby refused (empty when it took them all). */
    record Created(MongoCollection<RawBsonDocument> collection, List<String> droppedOptions) {
    }

    private CollectionCreator() {
    }

    static Created create(MongoDatabase target, String name, BsonDocument options) {
        BsonDocument kept = options.clone();
        List<String> dropped = new ArrayList<>();
        while (true) {
            try {
                target.runCommand(createCommand(name, kept));
                return new Created(target.getCollection(name, RawBsonDocument.class), List.copyOf(dropped));
            } catch (MongoCommandException e) {
                Matcher refused = DISALLOWED.matcher(String.valueOf(e.getErrorMessage()));
                if (!refused.find() || !kept.containsKey(refused.group(1))) {
                    throw e;
                }
                kept.remove(refused.group(1));
                dropped.add(refused.group(1));
            }
        }
    }

    /** The {@code create} command that gives {@code name} the same options (validator, collation, capped, …). */
    static BsonDocument createCommand(String name, BsonDocument options) {
        BsonDocument command = new BsonDocument("create", new BsonString(name));
        for (Map.Entry<String, BsonValue> option : options.entrySet()) {
            if (UNCREATABLE_OPTIONS.contains(option.getKey())) {
                continue;
            }
            BsonValue value = option.getValue();
            if (option.getKey().equals("clusteredIndex") && value.isDocument()) {
                value = IndexSpecs.clean(value.asDocument());
            }
            command.append(option.getKey(), value);
        }
        return command;
    }
}
