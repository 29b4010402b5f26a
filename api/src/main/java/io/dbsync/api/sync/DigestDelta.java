package io.dbsync.api.sync;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * Brings one standby collection up to date without a change stream: scans source and standby side
 * by side in {@code _id} order (a merge join), compares each document's raw bytes, and writes only
 * the difference — new or changed documents as replace-with-upsert, vanished ones as
 * {@code deleteMany({_id: {$in: …}})}. Memory holds one pending batch of each, never a collection.
 */
final class DigestDelta {
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false).bypassDocumentValidation(true);
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    /**
     * @param scanned   source documents read
     * @param unchanged documents already byte-identical on the standby
     * @param digest    SHA-256 of the source as scanned ({@link ContentDigest}), for verification
     */
    record Result(long scanned, long unchanged, long upserts, long deletes, long bytes, String digest) {
    }

    /** The scans did not come out in one consistent order (a collation, an unusual _id): no safe join. */
    static final class OrderMismatch extends RuntimeException {
        OrderMismatch(String message) {
            super(message);
        }
    }

    private final int batchDocuments;
    private final long batchBytes;
    private final int maxCursorResumes;
    private final RunProgress progress;

    DigestDelta(int batchDocuments, long batchBytes, int maxCursorResumes, RunProgress progress) {
        this.batchDocuments = batchDocuments;
        this.batchBytes = batchBytes;
        this.maxCursorResumes = maxCursorResumes;
        this.progress = progress;
    }

    Result apply(CollectionPlan plan, MongoCollection<RawBsonDocument> source, MongoCollection<RawBsonDocument> target)
            throws InterruptedException {
        Join join = new Join(plan.name(), target);
        ContentDigest digest = new ContentDigest();
        MongoCursor<RawBsonDocument> cursor = target.find().sort(new BsonDocument("_id", new BsonInt32(1)))
                .batchSize(batchDocuments).cursor();
        try (PrefetchingReader standby = new PrefetchingReader(cursor, batchDocuments, 2, "dbsync-digest-standby")) {
            join.standby = standby;
            join.advance();
            new SourceScanner(batchDocuments, maxCursorResumes).scan(source, plan, document -> {
                digest.add(document);
                join.offer(document);
            });
            join.finish();
        } catch (IdOrder.Unordered e) {
            throw new OrderMismatch(e.getMessage());
        }
        return new Result(join.scanned, join.unchanged, join.upserts, join.deletes, join.bytes, digest.hex());
    }

    /** The merge join's state: the standby cursor's head, and the writes pending. */
    private final class Join {
        private final String collection;
        private final MongoCollection<RawBsonDocument> target;
        private PrefetchingReader standby;
        private RawBsonDocument head;
        private BsonValue headId;
        private BsonValue lastSourceId;
        private final List<WriteModel<RawBsonDocument>> upsertBatch = new ArrayList<>();
        private long upsertBatchBytes;
        private final List<BsonValue> deleteBatch = new ArrayList<>();
        long scanned;
        long unchanged;
        long upserts;
        long deletes;
        long bytes;

        Join(String collection, MongoCollection<RawBsonDocument> target) {
            this.collection = collection;
            this.target = target;
        }

        void offer(RawBsonDocument document) throws InterruptedException {
            scanned++;
            BsonValue id = document.get("_id");
            requireIncreasing("source", lastSourceId, id);
            lastSourceId = id;
            while (head != null && IdOrder.INSTANCE.compare(headId, id) < 0) {
                delete(headId);
                advance();
            }
            if (head != null && IdOrder.INSTANCE.compare(headId, id) == 0) {
                if (head.getByteBuffer().asNIO().equals(document.getByteBuffer().asNIO())) {
                    unchanged++;
                } else {
                    upsert(id, document);
                }
                advance();
            } else {
                upsert(id, document);
            }
        }

        void finish() throws InterruptedException {
            while (head != null) {
                delete(headId);
                advance();
            }
            flushDeletes();
            flushUpserts();
        }

        void advance() throws InterruptedException {
            BsonValue previous = headId;
            try {
                head = standby.next();
            } catch (MongoException e) {
                throw new SyncFailedException("reading standby collection '" + collection + "' failed: "
                        + FailureMessages.describe(e), e);
            }
            headId = head == null ? null : head.get("_id");
            if (head != null) {
                requireIncreasing("standby", previous, headId);
            }
        }

        private void requireIncreasing(String side, BsonValue previous, BsonValue current) {
            if (previous != null && IdOrder.INSTANCE.compare(previous, current) >= 0) {
                throw new OrderMismatch("the " + side + " scan of '" + collection + "' is not in the expected _id order ("
                        + previous.getBsonType() + " before " + current.getBsonType() + ")");
            }
        }

        private void upsert(BsonValue id, RawBsonDocument document) {
            upsertBatch.add(new ReplaceOneModel<>(new BsonDocument("_id", id), document, UPSERT));
            upsertBatchBytes += document.getByteBuffer().remaining();
            if (upsertBatch.size() >= batchDocuments || upsertBatchBytes >= batchBytes) {
                flushUpserts();
            }
        }

        private void delete(BsonValue id) {
            deleteBatch.add(id);
            if (deleteBatch.size() >= batchDocuments) {
                flushDeletes();
            }
        }

        private void flushUpserts() {
            if (upsertBatch.isEmpty()) {
                return;
            }
            // Deletes first: a document that replaced a vanished one may carry its unique key (a
            // re-registered e-mail address); the upsert would conflict with the row still there.
            flushDeletes();
            try {
                target.bulkWrite(upsertBatch, UNORDERED);
            } catch (MongoException e) {
                throw failed(e);
            }
            upserts += upsertBatch.size();
            bytes += upsertBatchBytes;
            progress.batchWritten(collection, upsertBatch.size(), upsertBatchBytes);
            upsertBatch.clear();
            upsertBatchBytes = 0;
        }

        private void flushDeletes() {
            if (deleteBatch.isEmpty()) {
                return;
            }
            try {
                target.deleteMany(new BsonDocument("_id", new BsonDocument("$in", new BsonArray(deleteBatch))));
            } catch (MongoException e) {
                throw failed(e);
            }
            deletes += deleteBatch.size();
            progress.batchWritten(collection, deleteBatch.size(), 0);
            deleteBatch.clear();
        }

        private SyncFailedException failed(MongoException e) {
            // Not a MongoException: the source scanner must not take a standby failure for a lost cursor.
            return UniqueIndexConflict.of(collection, e);
        }
    }
}
