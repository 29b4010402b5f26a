package io.dbsync.api.sync.mongo;

import io.dbsync.api.sync.plan.SyncFailedException;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * How an {@code _id}-ordered scan re-opens just after the last document handed on.
 *
 * <p>{@code {_id: {$gt: x}}} alone would be wrong: query comparisons only match values of x's type
 * bracket, so documents whose {@code _id} sorts later because of its <em>type</em> (a string after a
 * number, an ObjectId after a string) would be skipped. {@code {_id: {$not: {$lte: x}}}} matches
 * everything greater within x's bracket <em>and</em> every other bracket; the scan then drops the few
 * documents of earlier brackets (they sort first) with {@link #sortsBefore}. No list of type codes is
 * needed, so it works on every server version.
 */
public final class ResumeFilter {

    private ResumeFilter() {
    }

    /** Documents whose {@code _id} sorts after {@code lastId} (plus earlier brackets); empty when null. */
    public static BsonDocument after(BsonValue lastId) {
        if (lastId == null) {
            return new BsonDocument();
        }
        bracketOf(lastId.getBsonType()); // rejects types that cannot be resumed
        if (lastId.getBsonType() == BsonType.MAX_KEY) {
            // Nothing sorts after MaxKey.
            return new BsonDocument("_id", new BsonDocument("$in", new BsonArray()));
        }
        return new BsonDocument("_id", new BsonDocument("$not", new BsonDocument("$lte", lastId)));
    }

    /** True when {@code id} belongs to a type bracket that sorts before {@code lastId}'s. */
    public static boolean sortsBefore(BsonValue id, BsonValue lastId) {
        return bracketOf(id.getBsonType()) < bracketOf(lastId.getBsonType());
    }

    /** MongoDB's comparison order of type brackets. */
    public static int bracketOf(BsonType type) {
        return switch (type) {
            case MIN_KEY -> 0;
            case NULL, UNDEFINED -> 1;
            case INT32, INT64, DOUBLE, DECIMAL128 -> 2;
            case STRING, SYMBOL -> 3;
            case DOCUMENT -> 4;
            case ARRAY -> 5;
            case BINARY -> 6;
            case OBJECT_ID -> 7;
            case BOOLEAN -> 8;
            case DATE_TIME -> 9;
            case TIMESTAMP -> 10;
            case MAX_KEY -> 15;
            // $lte with a regex means "matches", and code or DBPointer ids are not comparable in a query.
            default -> throw new SyncFailedException("cannot resume a scan after an _id of type " + type);
        };
    }
}
