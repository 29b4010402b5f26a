package io.dbsync.bench;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bson.Document;

/** The source's collections as the engine sees them: no {@code system.*}, largest first. */
final class SourceCollections {
    private SourceCollections() {
    }

    static List<String> largestFirst(MongoDatabase database) {
        List<String> names = new ArrayList<>();
        for (String name : database.listCollectionNames()) {
            if (!name.startsWith("system.")) {
                names.add(name);
            }
        }
        names.sort(Comparator.comparingLong((String name) -> size(database, name)).reversed().thenComparing(name -> name));
        return names;
    }

    private static long size(MongoDatabase database, String name) {
        Document stats = database.runCommand(new Document("collStats", name));
        Object size = stats.get("size");
        return size instanceof Number number ? number.longValue() : 0;
    }
}
