package io.dbsync.api.sync;

import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * The filter that re-opens an {@code _id}-ordered scan just after the last document handed on.
 *
 * <p>{@code {_id: {$gt: x}}} alone would be wrong: query comparisons only match values of the same
 * type bracket, so documents whose {@code _id} sorts later because of its <em>type</em> (a string after
 * a number, an ObjectId after a string) would be skipped. The filter adds every later bracket by
 * {@code $type}, in MongoDB's sort order.
 */
final class ResumeFilter {

    /** Type brackets in MongoDB's comparison order, as {@code $type} aliases. */
    private static final List<List<String>> BRACKETS = List.of(
            List.of("minKey"),
            List.of("null", "undefined"),
            List.of("number"),
            List.of("string", "symbol"),
            List.of("object"),
            List.of("array"),
            List.of("binData"),
            List.of("objectId"),
            List.of("bool"),
            List.of("date"),
            List.of("timestamp"),
            List.of("regex"),
            List.of("dbPointer"),
            List.of("javascript"),
            List.of("javascriptWithScope"),
            List.of("maxKey"));

    private ResumeFilter() {
    }

    /** Documents whose {@code _id} sorts strictly after {@code lastId}; an empty filter when null. */
    static BsonDocument after(BsonValue lastId) {
        if (lastId == null) {
            return new BsonDocument();
        }
        int bracket = bracketOf(lastId.getBsonType());
        BsonArray laterTypes = new BsonArray();
        for (int i = bracket + 1; i < BRACKETS.size(); i++) {
            BRACKETS.get(i).forEach(alias -> laterTypes.add(new BsonString(alias)));
        }
        BsonDocument laterType = new BsonDocument("_id", new BsonDocument("$type", laterTypes));
        if (!hasOrderWithinBracket(lastId.getBsonType())) {
            return laterType;
        }
        BsonDocument sameBracket = new BsonDocument("_id", new BsonDocument("$gt", lastId));
        return new BsonDocument("$or", new BsonArray(List.of(sameBracket, laterType)));
    }

    /** Brackets holding a single value (MinKey, null, MaxKey) have nothing after the last one. */
    private static boolean hasOrderWithinBracket(BsonType type) {
        return switch (type) {
            case MIN_KEY, NULL, UNDEFINED, MAX_KEY -> false;
            case REGULAR_EXPRESSION, DB_POINTER, JAVASCRIPT, JAVASCRIPT_WITH_SCOPE, SYMBOL ->
                    // $gt with a regex means "matches", not "sorts after"; these _id types cannot be resumed.
                    throw new SyncFailedException("cannot resume a scan after an _id of type " + type);
            default -> true;
        };
    }

    static int bracketOf(BsonType type) {
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
            case REGULAR_EXPRESSION -> 11;
            case DB_POINTER -> 12;
            case JAVASCRIPT -> 13;
            case JAVASCRIPT_WITH_SCOPE -> 14;
            case MAX_KEY -> 15;
            default -> throw new SyncFailedException("an _id of type " + type + " cannot be ordered");
        };
    }
}
