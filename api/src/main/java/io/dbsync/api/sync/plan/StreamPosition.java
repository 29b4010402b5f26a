package io.dbsync.api.sync.plan;

import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Where a collection's change stream resumes: after a resume token the server gave (an event's
 * {@code _id}, or the post-batch token of a caught-up stream), or — when the server gives no token
 * before the first event — at an operation time no later than the moment the copy began. Either
 * way every change after the standby's state is replayed; replaying a few earlier ones is harmless.
 */
public record StreamPosition(BsonDocument resumeToken, BsonTimestamp startAt) {
    private static final JsonWriterSettings EXTENDED = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    public StreamPosition {
        if ((resumeToken == null) == (startAt == null)) {
            throw new IllegalArgumentException("a position is a resume token or a start time");
        }
    }

    public static StreamPosition after(BsonDocument resumeToken) {
        return new StreamPosition(resumeToken, null);
    }

    public static StreamPosition at(BsonTimestamp operationTime) {
        return new StreamPosition(null, operationTime);
    }

    /** Extended JSON, as stored in the ledger. */
    public String toJson() {
        BsonDocument document = resumeToken != null ? new BsonDocument("resumeAfter", resumeToken)
                : new BsonDocument("startAtOperationTime", startAt);
        return document.toJson(EXTENDED);
    }

    /** Reads a stored position; a malformed one throws {@link IllegalArgumentException}. */
    public static StreamPosition parse(String json) {
        BsonDocument document;
        try {
            document = BsonDocument.parse(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("stored stream position is not JSON", e);
        }
        if (document.isDocument("resumeAfter")) {
            return after(document.getDocument("resumeAfter"));
        }
        if (document.isTimestamp("startAtOperationTime")) {
            return at(document.getTimestamp("startAtOperationTime"));
        }
        throw new IllegalArgumentException("stored stream position has neither resumeAfter nor startAtOperationTime");
    }

}
