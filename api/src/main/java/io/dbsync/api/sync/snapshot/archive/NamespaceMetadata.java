package io.dbsync.api.sync.snapshot.archive;

import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * One collection's entry in the archive's prelude: what mongodump's {@code metadata.json} holds
 * (collection options, index specs as listIndexes returns them, the collection UUID as 32 hex
 * digits or empty, the name, the type), plus the database and the prelude's {@code size} hint.
 * mongodump always writes size 0 there; mongorestore uses it only for progress.
 */
public record NamespaceMetadata(String database, String collection, CollectionType type, BsonDocument options,
        List<BsonDocument> indexes, String uuid, long size) {

    private static final String BUCKETS_PREFIX = "system.buckets.";

    public NamespaceMetadata {
        new Namespace(database, collection);
        if (type == null || options == null || indexes == null || uuid == null || size < 0) {
            throw new IllegalArgumentException("incomplete metadata for " + database + "." + collection);
        }
        options = options.clone();
        indexes = indexes.stream().map(BsonDocument::clone).toList();
    }

    /** A regular collection with these index specs, no options, no UUID. */
    public static NamespaceMetadata collection(String database, String collection, List<BsonDocument> indexes) {
        return new NamespaceMetadata(database, collection, CollectionType.COLLECTION, new BsonDocument(), indexes, "", 0);
    }

    /** The collection the prelude names (a view's or time-series collection's own name). */
    public Namespace namespace() {
        return new Namespace(database, collection);
    }

    /** Where its documents are in the archive: {@code system.buckets.<name>} for time series. */
    public Namespace dataNamespace() {
        return type == CollectionType.TIMESERIES ? new Namespace(database, BUCKETS_PREFIX + collection) : namespace();
    }

    /**
     * The {@code metadata.json} text as mongodump 100.x renders it: canonical Extended JSON v2,
     * compact, fields in mongodump's order, empty options, UUID and type left out.
     */
    public String toMetadataJson() {
        BsonDocument metadata = new BsonDocument();
        if (!options.isEmpty()) {
            metadata.append("options", options);
        }
        metadata.append("indexes", new BsonArray(new ArrayList<BsonValue>(indexes)));
        if (!uuid.isEmpty()) {
            metadata.append("uuid", new BsonString(uuid));
        }
        metadata.append("collectionName", new BsonString(collection));
        if (type != CollectionType.UNSPECIFIED) {
            metadata.append("type", new BsonString(type.wireName()));
        }
        return MetadataJson.render(metadata);
    }

    /**
     * Reads a prelude entry. The prelude's type wins over the JSON's, as in mongorestore; an empty
     * metadata string (mongodump writes one for namespaces without metadata) means no options and
     * no indexes.
     *
     * @throws IllegalArgumentException if the JSON or a field in it is not what mongodump writes
     */
    public static NamespaceMetadata fromPrelude(String database, String collection, String metadataJson,
            String preludeType, long size) {
        BsonDocument metadata = metadataJson.isBlank() ? new BsonDocument() : MetadataJson.parse(metadataJson);
        String typeName = preludeType.isEmpty() ? string(metadata, "type") : preludeType;
        List<BsonDocument> indexes = new ArrayList<>();
        for (BsonValue index : metadata.getArray("indexes", new BsonArray())) {
            if (!index.isDocument()) {
                throw new IllegalArgumentException("an index spec of " + database + "." + collection + " is not a document");
            }
            indexes.add(index.asDocument());
        }
        BsonValue options = metadata.get("options", new BsonDocument());
        if (!options.isDocument()) {
            throw new IllegalArgumentException("the options of " + database + "." + collection + " are not a document");
        }
        return new NamespaceMetadata(database, collection, CollectionType.fromWireName(typeName), options.asDocument(),
                indexes, string(metadata, "uuid"), size);
    }

    private static String string(BsonDocument document, String field) {
        BsonValue value = document.get(field);
        if (value == null) {
            return "";
        }
        if (!value.isString()) {
            throw new IllegalArgumentException("metadata field '" + field + "' is not a string");
        }
        return value.asString().getValue();
    }
}
