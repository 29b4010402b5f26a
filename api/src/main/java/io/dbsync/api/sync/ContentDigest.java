package io.dbsync.api.sync;

import com.mongodb.client.MongoCollection;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.RawBsonDocument;

/** A SHA-256 over documents' raw bytes in {@code _id} order: equal digests mean byte-equal collections. */
final class ContentDigest {
    private final MessageDigest sha256;

    ContentDigest() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    void add(RawBsonDocument document) {
        sha256.update(document.getByteBuffer().asNIO());
    }

    String hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Reads a collection back in {@code _id} order and digests it the same way. */
    static String of(MongoCollection<RawBsonDocument> collection, int batchSize) {
        ContentDigest digest = new ContentDigest();
        for (RawBsonDocument document : collection.find().sort(new BsonDocument("_id", new BsonInt32(1))).batchSize(batchSize)) {
            digest.add(document);
        }
        return digest.hex();
    }
}
