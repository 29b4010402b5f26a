package io.dbsync.api.sync.delta;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import io.dbsync.api.sync.mongo.BatchLimits;
import io.dbsync.api.sync.mongo.Batcher;
import io.dbsync.api.sync.mongo.ContentDigest;
import io.dbsync.api.sync.mongo.FailureMessages;
import io.dbsync.api.sync.mongo.IdOrder;
import io.dbsync.api.sync.mongo.PrefetchingReader;
import io.dbsync.api.sync.mongo.SourceScanner;
import io.dbsync.api.sync.mongo.UniqueIndexConflict;
import io.dbsync.api.sync.plan.CollectionPlan;
import io.dbsync.api.sync.plan.SyncFailedException;
import io.dbsync.api.sync.plan.TaskProgress;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import java.util.List;

/**
 * Brings one standby collection up to date without a change stream: scans source and standby side
 * by side in {@code _id} order (a merge join), compares each document's raw bytes, and writes only
 * the difference — new or changed documents as replace-with-upsert, vanished ones as
 * {@code deleteMany({_id: {$in: …}})}. Memory holds one pending batch of each, never a collection.
 */
final class CompareDelta {
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

    private final BatchLimits limits;
    private final int maxCursorResumes;
    private final TaskProgress progress;

    CompareDelta(BatchLimits limits, int maxCursorResumes, TaskProgress progress) {
        this.limits = limits;
        this.maxCursorResumes = maxCursorResumes;
        this.progress = progress;
    }

    Result apply(CollectionPlan plan, MongoCollection<RawBsonDocument> source, MongoCollection<RawBsonDocument> target)
            throws InterruptedException {
        Join join = new Join(plan.name(), target);
        ContentDigest digest = new ContentDigest();
        MongoCursor<RawBsonDocument> cursor = target.find().sort(new BsonDocument("_id", new BsonInt32(1)))
                .batchSize(limits.maxDocuments()).cursor();
        try (PrefetchingReader standby = new PrefetchingReader(cursor, limits.maxDocuments(), 2, "dbsync-digest-standby")) {
            join.standby = standby;
            join.advance();
            new SourceScanner(limits.maxDocuments(), maxCursorResumes).scan(source, plan, document -> {
                digest.add(document);
                progress.sourceRead(document.getByteBuffer().remaining());
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
        private final Batcher<ReplaceOneModel<RawBsonDocument>> upsertBatches =
                new Batcher<>(limits, upsert -> Batcher.sizeOf(upsert.getReplacement()));
        // Ids only: a delete batch is bounded by its count.
        private final Batcher<BsonValue> deleteBatches = new Batcher<>(limits, id -> 0);
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
                progress.standbyRead(head.getByteBuffer().remaining());
            }
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
            List<ReplaceOneModel<RawBsonDocument>> full =
                    upsertBatches.add(new ReplaceOneModel<>(new BsonDocument("_id", id), document, UPSERT));
            if (full != null) {
                writeUpserts(full);
            }
        }

        private void delete(BsonValue id) {
            List<BsonValue> full = deleteBatches.add(id);
            if (full != null) {
                writeDeletes(full);
            }
        }

        private void flushDeletes() {
            List<BsonValue> last = deleteBatches.flush();
            if (last != null) {
                writeDeletes(last);
            }
        }

        private void flushUpserts() {
            List<ReplaceOneModel<RawBsonDocument>> last = upsertBatches.flush();
            if (last != null) {
                writeUpserts(last);
            }
        }

        private void writeUpserts(List<ReplaceOneModel<RawBsonDocument>> batch) {
            // Deletes first: a document that replaced a vanished one may carry its unique key (a
            // re-registered e-mail address); the upsert would conflict with the row still there.
            flushDeletes();
            try {
                target.bulkWrite(batch, UNORDERED);
            } catch (MongoException e) {
                throw failed(e);
            }
            long batchBytes = batch.stream().mapToLong(upsert -> Batcher.sizeOf(upsert.getReplacement())).sum();
            upserts += batch.size();
            bytes += batchBytes;
            progress.written(collection, batch.size(), batchBytes);
        }

        private void writeDeletes(List<BsonValue> batch) {
            try {
                target.deleteMany(new BsonDocument("_id", new BsonDocument("$in", new BsonArray(batch))));
            } catch (MongoException e) {
                throw failed(e);
            }
            deletes += batch.size();
            progress.written(collection, batch.size(), 0);
        }

        private SyncFailedException failed(MongoException e) {
            // Not a MongoException: the source scanner must not take a standby failure for a lost cursor.
            return UniqueIndexConflict.of(collection, e);
        }
    }
}
