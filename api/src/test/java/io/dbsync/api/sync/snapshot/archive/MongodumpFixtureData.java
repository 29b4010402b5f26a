package io.dbsync.api.sync.snapshot.archive;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonJavaScript;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.UuidRepresentation;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * The documents and indexes that were loaded into a mongo-java-server before mongodump 100.8.0
 * wrote {@code snapshot/mongodump-100.8.0.archive.gz} (see the README beside it). The fixture test
 * derives its expectations (counts, CRCs, index specs) from here, never from the reader's output.
 * Only BSON types that mongo-java-server stores byte for byte are used.
 */
final class MongodumpFixtureData {
    static final String DATABASE = "fixture";
    static final String CUSTOMERS = "customers";
    static final String SESSIONS = "sessions";
    static final String AUDIT = "audit";
    private static final long BASE_MILLIS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private MongodumpFixtureData() {
    }

    /** 30 customers with most BSON types; unique index on email, compound index on name. */
    static List<BsonDocument> customers() {
        List<BsonDocument> documents = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            BsonDocument document = new BsonDocument("_id", new BsonObjectId(new ObjectId(String.format("65a0000000000000000000%02x", i))))
                    .append("email", new BsonString("customer" + i + "@example.org"))
                    .append("firstName", new BsonString("First" + (i % 7)))
                    .append("lastName", new BsonString("Last" + (i % 5)))
                    .append("age", new BsonInt32(20 + i))
                    .append("points", new BsonInt64(1_000_000_000_000L + i))
                    .append("balance", new BsonDouble(i * 10.25))
                    .append("credit", new BsonDecimal128(new Decimal128(new BigDecimal("1234.5" + i))))
                    .append("active", BsonBoolean.valueOf(i % 3 != 0))
                    .append("joined", new BsonDateTime(BASE_MILLIS - i * 86_400_000L))
                    .append("address", new BsonDocument("city", new BsonString("City" + i))
                            .append("zip", new BsonString(String.format("%05d", 10_000 + i))))
                    .append("tags", new BsonArray(List.of(new BsonString("t" + (i % 4)), new BsonInt32(i))));
            decorate(i, document);
            documents.add(document);
        }
        return documents;
    }

    private static void decorate(int i, BsonDocument document) {
        switch (i % 6) {
            case 0 -> document.append("note", BsonNull.VALUE);
            case 1 -> document.append("pattern", new BsonRegularExpression("^cust" + i, "i"));
            case 2 -> document.append("photo", new BsonBinary(new byte[] {(byte) i, 1, 2, 3}));
            case 3 -> document.append("ref", new BsonBinary(java.util.UUID.nameUUIDFromBytes(new byte[] {(byte) i}),
                    UuidRepresentation.STANDARD));
            case 4 -> document.append("script", new BsonJavaScript("function() { return " + i + "; }"))
                    .append("seen", new BsonTimestamp(1_767_225_600, i));
            default -> document.append("lowest", new BsonMinKey()).append("highest", new BsonMaxKey());
        }
    }

    /** 20 sessions with a TTL index on createdAt. */
    static List<BsonDocument> sessions() {
        List<BsonDocument> documents = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            documents.add(new BsonDocument("_id", new BsonString("session-" + i))
                    .append("customer", new BsonObjectId(new ObjectId(String.format("65a0000000000000000000%02x", i))))
                    .append("createdAt", new BsonDateTime(BASE_MILLIS + i * 60_000L))
                    .append("hits", new BsonInt32(i * i)));
        }
        return documents;
    }

    /** The non-_id indexes, as {key, options} pairs handed to createIndex. */
    static BsonDocument customersEmailIndexKey() {
        return new BsonDocument("email", new BsonInt32(1));
    }

    static BsonDocument customersNameIndexKey() {
        return new BsonDocument("lastName", new BsonInt32(1)).append("firstName", new BsonInt32(-1));
    }

    static BsonDocument sessionsTtlIndexKey() {
        return new BsonDocument("createdAt", new BsonInt32(1));
    }

    static final long SESSIONS_TTL_SECONDS = 3600;
}
