package io.dbsync.testkit.atlas;

import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code dbStats}, {@code collStats} and the sizes in {@code listDatabases}, answered from the
 * profile's accounting so that a client can plan from them: {@code dataSize} is the BSON bytes of the
 * documents, {@code indexSize} the estimated index bytes, {@code storageSize} equals {@code dataSize}
 * (no compression is modelled), and {@code totalSize} = {@code storageSize + indexSize} = what Atlas
 * counts against the quota for that database or collection. Summed over all databases it is
 * {@link AtlasBackend#usedBytes()}. {@code scale} divides the sizes (rounded down), as mongod does;
 * {@code avgObjSize} stays in bytes.
 */
final class StorageStatsCommands {
    private final StorageLedger ledger;

    StorageStatsCommands(StorageLedger ledger) {
        this.ledger = ledger;
    }

    Document dbStats(String database, Document query) {
        long scale = scale(query);
        List<CollectionStats> collections = inDatabase(database);
        long objects = collections.stream().mapToLong(CollectionStats::documents).sum();
        long dataSize = collections.stream().mapToLong(CollectionStats::dataBytes).sum();
        long indexSize = collections.stream().mapToLong(CollectionStats::indexTotal).sum();
        long indexes = collections.stream().mapToLong(stats -> stats.indexBytes().size()).sum();
        Document response = new Document("db", database)
                .append("collections", (long) collections.size())
                .append("views", 0L)
                .append("objects", objects)
                .append("avgObjSize", objects == 0 ? 0.0 : (double) dataSize / objects)
                .append("dataSize", dataSize / scale)
                .append("storageSize", dataSize / scale)
                .append("indexes", indexes)
                .append("indexSize", indexSize / scale)
                .append("totalSize", (dataSize + indexSize) / scale)
                .append("scaleFactor", scale);
        Utils.markOkay(response);
        return response;
    }

    Document collStats(String database, Document query, String command) {
        long scale = scale(query);
        String collection = String.valueOf(query.get(command));
        CollectionStats stats = inDatabase(database).stream()
                .filter(candidate -> candidate.collection().equals(collection))
                .findFirst()
                .orElse(new CollectionStats(database, collection, 0, 0, Map.of()));
        Document indexSizes = new Document();
        new TreeMap<>(stats.indexBytes()).forEach((name, bytes) -> indexSizes.append(name, bytes / scale));
        Document response = new Document("ns", database + "." + collection)
                .append("size", stats.dataBytes() / scale)
                .append("count", stats.documents())
                .append("avgObjSize", stats.documents() == 0 ? 0L : stats.dataBytes() / stats.documents())
                .append("storageSize", stats.dataBytes() / scale)
                .append("nindexes", (long) stats.indexBytes().size())
                .append("totalIndexSize", stats.indexTotal() / scale)
                .append("indexSizes", indexSizes)
                .append("totalSize", stats.total() / scale)
                .append("scaleFactor", scale);
        Utils.markOkay(response);
        return response;
    }

    /** Adds {@code sizeOnDisk} per database and {@code totalSize}/{@code totalSizeMb} to mongo-java-server's answer. */
    Document withSizes(Document listDatabases) {
        long total = 0;
        if (listDatabases.get("databases") instanceof List<?> databases) {
            for (Object entry : databases) {
                if (entry instanceof Document database) {
                    long size = inDatabase(String.valueOf(database.get("name"))).stream()
                            .mapToLong(CollectionStats::total).sum();
                    database.put("sizeOnDisk", size);
                    total += size;
                }
            }
        }
        listDatabases.put("totalSize", total);
        listDatabases.put("totalSizeMb", total / AtlasProfile.MEGABYTE);
        return listDatabases;
    }

    private List<CollectionStats> inDatabase(String database) {
        return ledger.collections().stream().filter(stats -> stats.database().equals(database)).toList();
    }

    private static long scale(Document query) {
        Object scale = query.get("scale");
        if (scale == null) {
            return 1;
        }
        if (!(scale instanceof Number number) || number.longValue() < 1) {
            throw new MongoServerError(2, "BadValue", "Scale factor must be a positive number");
        }
        return number.longValue();
    }
}
