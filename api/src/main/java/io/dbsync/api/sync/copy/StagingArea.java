package io.dbsync.api.sync.copy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.dbsync.api.sync.mongo.IndexSpecs;
import io.dbsync.api.sync.plan.CollectionPlan;
import io.dbsync.api.sync.plan.StagingNames;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The staging collections of a run on the target: created with the source's options, dropped on failure. */
final class StagingArea {
    // Options the server reports but refuses (or ignores) when creating a collection.
    private static final Set<String> UNCREATABLE_OPTIONS = Set.of("autoIndexId", "uuid");

    private final MongoDatabase target;
    private final String runTag;

    StagingArea(MongoDatabase target, String runTag) {
        this.target = target;
        this.runTag = runTag;
    }

    /** This run's staging collection for {@code plan}. */
    String nameFor(CollectionPlan plan) {
        return StagingNames.stagingFor(plan.name(), runTag);
    }

    /**
     * Creates the (empty) staging collection for {@code plan}. Leftovers of earlier runs are gone:
     * every run starts with {@link #dropAll()} under the run lock.
     */
    MongoCollection<RawBsonDocument> create(CollectionPlan plan) {
        String stagingName = nameFor(plan);
        target.runCommand(createCommand(stagingName, plan.options()));
        return target.getCollection(stagingName, RawBsonDocument.class);
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

    /**
     * Drops every staging collection on the target, this run's and any other's (left by a crash,
     * or by a holder that lost the lock); returns their names. Safe under the run lock only.
     */
    List<String> dropAll() {
        List<String> dropped = new ArrayList<>();
        for (String name : target.listCollectionNames()) {
            if (StagingNames.isStaging(name)) {
                target.getCollection(name).drop();
                dropped.add(name);
            }
        }
        return dropped;
    }

    /**
     * Drops only this run's staging collections: what a failed run cleans up. It must not touch
     * another run's, since a run that lost its lock may still be failing while the new holder copies.
     */
    List<String> dropOwn() {
        String ownSuffix = StagingNames.stagingFor("", runTag);
        List<String> dropped = new ArrayList<>();
        for (String name : target.listCollectionNames()) {
            if (name.endsWith(ownSuffix)) {
                target.getCollection(name).drop();
                dropped.add(name);
            }
        }
        return dropped;
    }
}
