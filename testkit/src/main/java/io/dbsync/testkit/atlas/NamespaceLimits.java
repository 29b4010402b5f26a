package io.dbsync.testkit.atlas;

import de.bwaldvogel.mongo.bson.Document;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Atlas's limits on names and counts, checked when a write would bring a new collection into being:
 * {@code create}, the first insert (or upsert, findAndModify, createIndexes) into it, an aggregation's
 * {@code $out}/{@code $merge} target, and the target of {@code renameCollection}. Runs under the
 * profile's write lock, so two writers cannot both take the last free place.
 */
final class NamespaceLimits {
    private static final Set<String> CREATING = Set.of("insert", "update", "findandmodify", "create", "createindexes");

    private final AtlasProfile profile;
    private final StorageLedger ledger;

    NamespaceLimits(AtlasProfile profile, StorageLedger ledger) {
        this.profile = profile;
        this.ledger = ledger;
    }

    void check(String database, String command, Document query) {
        String key = Commands.key(command);
        if (CREATING.contains(key)) {
            checkNew(database, String.valueOf(query.get(command)), null);
        } else if (key.equals("aggregate") && Commands.outputStage(query) != null) {
            checkAggregationTarget(database, Commands.outputStage(query));
        } else if (key.equals("renamecollection")) {
            String from = String.valueOf(query.get(command));
            String to = String.valueOf(query.get("to"));
            checkNew(databaseOf(to), collectionOf(to), databaseOf(from));
        }
    }

    private void checkAggregationTarget(String database, Document stage) {
        Object target = stage.containsKey("$out") ? stage.get("$out") : stage.get("$merge");
        if (target instanceof Document merge && merge.containsKey("into")) {
            target = merge.get("into");
        }
        if (target instanceof Document named) {
            checkNew(String.valueOf(named.getOrDefault("db", database)), String.valueOf(named.get("coll")), null);
        } else if (target != null) {
            checkNew(database, String.valueOf(target), null);
        }
    }

    /** @param movedFrom the database a renamed collection leaves, or null when a collection is created */
    private void checkNew(String database, String collection, String movedFrom) {
        List<CollectionStats> existing = ledger.collections();
        boolean exists = existing.stream()
                .anyMatch(stats -> stats.database().equals(database) && stats.collection().equals(collection));
        if (exists || collection.startsWith("system.")) {
            return;
        }
        if (utf8Bytes(database) > profile.maxDatabaseNameBytes()) {
            throw AtlasErrors.databaseNameTooLong(database, profile.maxDatabaseNameBytes());
        }
        String namespace = database + "." + collection;
        if (utf8Bytes(namespace) > profile.maxNamespaceBytes()) {
            throw AtlasErrors.namespaceTooLong(namespace, profile.maxNamespaceBytes());
        }
        if (movedFrom == null && existing.size() >= profile.maxCollections()) {
            throw AtlasErrors.tooManyCollections(existing.size(), profile.maxCollections());
        }
        Set<String> databases = existing.stream()
                .map(CollectionStats::database)
                .filter(name -> !AccountedMemoryBackend.INTERNAL_DATABASES.contains(name))
                .collect(Collectors.toSet());
        if (AccountedMemoryBackend.INTERNAL_DATABASES.contains(database) || databases.contains(database)) {
            return;
        }
        boolean sourceEmptied = movedFrom != null
                && existing.stream().filter(stats -> stats.database().equals(movedFrom)).count() == 1;
        int after = databases.size() + 1 - (sourceEmptied ? 1 : 0);
        if (after > profile.maxDatabases()) {
            throw AtlasErrors.tooManyDatabases(databases.size(), profile.maxDatabases());
        }
    }

    static int utf8Bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String databaseOf(String namespace) {
        int dot = namespace.indexOf('.');
        return dot < 0 ? namespace : namespace.substring(0, dot);
    }

    private static String collectionOf(String namespace) {
        int dot = namespace.indexOf('.');
        return dot < 0 ? "" : namespace.substring(dot + 1);
    }
}
