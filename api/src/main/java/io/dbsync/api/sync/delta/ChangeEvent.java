package io.dbsync.api.sync.delta;

import com.mongodb.client.model.changestream.ChangeStreamDocument;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * What one change-stream event asks of the standby, read from the real server's documented event
 * shape (and tolerant of the test server's, whose update and replace events carry the update spec
 * or the new document in {@code documentKey} and no {@code ns}).
 */
sealed interface ChangeEvent {

    /** Write this whole document under its {@code _id} (insert, replace, update with the looked-up document). */
    record Upsert(BsonValue id, RawBsonDocument document) implements ChangeEvent {
    }

    /** Remove the document with this {@code _id}. */
    record Delete(BsonValue id) implements ChangeEvent {
    }

    /** Nothing to do, and why (kept for the log). */
    record Ignore(String why) implements ChangeEvent {
    }

    /** The stream cannot carry the collection further: it must be copied in full. */
    record Restart(String reason) implements ChangeEvent {
    }

    static ChangeEvent of(ChangeStreamDocument<RawBsonDocument> event, String collection) {
        String type = event.getOperationTypeString();
        if (type == null) {
            return new Restart("a change event without an operation type");
        }
        return switch (type) {
            case "insert", "replace", "update" -> upsert(event, type);
            case "delete" -> delete(event);
            case "drop", "rename", "dropDatabase" -> ofOtherCollection(event, collection)
                    ? new Ignore(type + " of another collection")
                    : new Restart("the source collection saw a " + type);
            case "invalidate" -> new Restart("the source's change stream was invalidated");
            // DDL events (createIndexes, modify, …) appear only with showExpandedEvents; indexes are reconciled separately.
            default -> new Ignore("event type " + type);
        };
    }

    private static ChangeEvent upsert(ChangeStreamDocument<RawBsonDocument> event, String type) {
        RawBsonDocument document = event.getFullDocument();
        if (document == null) {
            // updateLookup found nothing: the document was deleted after this update, and that delete
            // comes later in the same stream. (An insert or replace always carries its document.)
            return new Ignore(type + " of a document deleted since");
        }
        BsonValue id = document.get("_id");
        return id == null ? new Restart("a " + type + " event whose document has no _id") : new Upsert(id, document);
    }

    private static ChangeEvent delete(ChangeStreamDocument<RawBsonDocument> event) {
        BsonDocument key = event.getDocumentKey();
        if (key == null || !key.containsKey("_id")) {
            return new Restart("a delete event without the document's _id");
        }
        return new Delete(key.get("_id"));
    }

    /** A collection-level stream of a real server only sees its own namespace; a test server may not filter. */
    private static boolean ofOtherCollection(ChangeStreamDocument<RawBsonDocument> event, String collection) {
        return event.getNamespace() != null && !collection.equals(event.getNamespace().getCollectionName());
    }
}
