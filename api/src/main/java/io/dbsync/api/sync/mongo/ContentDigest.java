package io.dbsync.api.sync.mongo;

import com.mongodb.client.MongoCollection;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.RawBsonDocument;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A SHA-256 over documents' raw bytes in {@code _id} order: equal digests mean byte-equal collections. */
public final class ContentDigest {
    private final MessageDigest sha256;

    public ContentDigest() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public void add(RawBsonDocument document) {
        sha256.update(document.getByteBuffer().asNIO());
    }

    public String hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Reads a collection back in {@code _id} order and digests it the same way. */
    public static String of(MongoCollection<RawBsonDocument> collection, int batchSize) {
        return of(collection, batchSize, bytes -> { });
    }

    /** The same; {@code read} hears the bytes of every document read. */
    public static String of(MongoCollection<RawBsonDocument> collection, int batchSize, java.util.function.LongConsumer read) {
        ContentDigest digest = new ContentDigest();
        for (RawBsonDocument document : collection.find().sort(new BsonDocument("_id", new BsonInt32(1))).batchSize(batchSize)) {
            digest.add(document);
            read.accept(document.getByteBuffer().remaining());
        }
        return digest.hex();
    }
}
