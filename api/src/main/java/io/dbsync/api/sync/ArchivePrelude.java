package io.dbsync.api.sync;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import io.dbsync.api.sync.plan.CollectionKind;
import io.dbsync.api.sync.plan.CollectionPlan;
import io.dbsync.api.sync.snapshot.archive.ArchiveHeader;
import io.dbsync.api.sync.snapshot.archive.CollectionType;
import io.dbsync.api.sync.snapshot.archive.NamespaceMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonInt32;

/**
 * The beginning of a run's restore point as mongodump would write it for the source: the header
 * (the source's server version) and one prelude entry per collection, with its options as the run
 * planned them and its indexes exactly as {@code listIndexes} reports them, {@code _id} included.
 */
final class ArchivePrelude {
    private static final String TOOL_VERSION = "dbsync " + Optional.ofNullable(ArchivePrelude.class.getPackage()
            .getImplementationVersion()).orElse("dev");

    private ArchivePrelude() {
    }

    static ArchiveHeader header(MongoDatabase source, int concurrentCollections) {
        String version;
        try {
            BsonDocument info = source.runCommand(new BsonDocument("buildInfo", new BsonInt32(1)), BsonDocument.class);
            version = info.isString("version") ? info.getString("version").getValue() : "unknown";
        } catch (MongoException e) {
            version = "unknown";
        }
        return ArchiveHeader.of(version, TOOL_VERSION, concurrentCollections);
    }

    static List<NamespaceMetadata> namespaces(MongoDatabase source, List<CollectionPlan> plans) {
        List<NamespaceMetadata> namespaces = new ArrayList<>();
        for (CollectionPlan plan : plans) {
            CollectionType type = switch (plan.kind()) {
                case VIEW -> CollectionType.VIEW;
                case TIMESERIES -> CollectionType.TIMESERIES;
                case COLLECTION -> CollectionType.COLLECTION;
            };
            List<BsonDocument> indexes = plan.kind() == CollectionKind.VIEW ? List.of()
                    : source.getCollection(plan.name()).listIndexes(BsonDocument.class).into(new ArrayList<>());
            namespaces.add(new NamespaceMetadata(source.getName(), plan.name(), type, plan.options(), indexes, "", 0));
        }
        return namespaces;
    }
}
