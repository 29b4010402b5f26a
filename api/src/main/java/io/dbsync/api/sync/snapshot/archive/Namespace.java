package io.dbsync.api.sync.snapshot.archive;

/** A database and a collection, as the archive names them in its blocks. */
public record Namespace(String database, String collection) {
    public Namespace {
        if (database == null || collection == null || collection.isEmpty()) {
            throw new IllegalArgumentException("a namespace needs a database and a collection name");
        }
    }

    @Override
    public String toString() {
        return database + "." + collection;
    }
}
