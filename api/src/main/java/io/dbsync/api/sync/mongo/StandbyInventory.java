package io.dbsync.api.sync.mongo;

import com.mongodb.client.MongoDatabase;
import io.dbsync.api.sync.plan.CollectionPlan;
import io.dbsync.api.sync.plan.StagingNames;
import org.bson.BsonDocument;
import org.bson.BsonString;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the standby holds, from one {@code listCollections} and the server's cheap counts (sent together): its
 * collection names (views included, staging excluded) and documents per collection.
 *
 * @param documents documents per collection (views have none), from collection metadata
 */
public record StandbyInventory(Set<String> names, Map<String, Long> documents) {

    public static StandbyInventory read(MongoDatabase target) {
        Set<String> names = new HashSet<>();
        List<String> counted = new ArrayList<>();
        for (BsonDocument info : target.listCollections(BsonDocument.class)) {
            String name = info.getString("name").getValue();
            if (StagingNames.isSkipped(name)) {
                continue;
            }
            names.add(name);
            if (!"view".equals(info.getString("type", new BsonString("collection")).getValue())) {
                counted.add(name);
            }
        }
        List<Long> counts = ParallelReads.map(counted, name -> target.getCollection(name).estimatedDocumentCount());
        Map<String, Long> documents = new LinkedHashMap<>();
        for (int i = 0; i < counted.size(); i++) {
            documents.put(counted.get(i), counts.get(i));
        }
        return new StandbyInventory(Set.copyOf(names), documents);
    }

    /** Standby collections the source no longer has (whatever the filters say: they are not missing), sorted. */
    public List<String> missingFrom(List<CollectionPlan> source) {
        Set<String> onSource = new HashSet<>();
        source.forEach(plan -> onSource.add(plan.name()));
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (!onSource.contains(name)) {
                missing.add(name);
            }
        }
        missing.sort(String::compareTo);
        return missing;
    }
}
