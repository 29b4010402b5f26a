package io.dbsync.api.sync.mongo;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoCursorNotFoundException;
import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoQueryException;
import com.mongodb.MongoSocketException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import io.dbsync.api.sync.plan.CollectionPlan;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Set;

/**
 * Reads a source collection as raw BSON. Ordinary collections are read in {@code _id} order, so a
 * cursor lost mid-scan (killed, timed out, connection dropped) is re-opened just after the last
 * {@code _id} handed on — a bounded number of times, never duplicating or skipping a document.
 */
public final class SourceScanner {
    private static final Logger LOG = LoggerFactory.getLogger(SourceScanner.class);
    // CursorNotFound, QueryPlanKilled, CursorKilled
    private static final Set<Integer> LOST_CURSOR_CODES = Set.of(43, 175, 237);

    /** Receives each document in scan order. */
    public interface DocumentSink {
        void accept(RawBsonDocument document) throws InterruptedException;
    }

    private final int batchSize;
    private final int maxResumes;

    public SourceScanner(int batchSize, int maxResumes) {
        this.batchSize = batchSize;
        this.maxResumes = maxResumes;
    }

    /** Scans the whole collection into {@code sink}; returns how many times the cursor was re-opened. */
    public int scan(MongoCollection<RawBsonDocument> source, CollectionPlan plan, DocumentSink sink) throws InterruptedException {
        BsonValue lastId = null;
        int resumes = 0;
        while (true) {
            BsonValue resumedAfter = lastId;
            try (MongoCursor<RawBsonDocument> cursor = open(source, plan, lastId).cursor()) {
                while (cursor.hasNext()) {
                    RawBsonDocument document = cursor.next();
                    if (resumedAfter != null && ResumeFilter.sortsBefore(document.get("_id"), resumedAfter)) {
                        continue; // handed on before the cursor was lost
                    }
                    sink.accept(document);
                    if (plan.scansInIdOrder()) {
                        lastId = document.get("_id");
                    }
                }
                return resumes;
            } catch (MongoException e) {
                if (!isLostCursor(e) || !plan.scansInIdOrder() || resumes >= maxResumes) {
                    throw e;
                }
                resumes++;
                LOG.warn("event=scan.resume collection={} attempt={} reason={}", plan.name(), resumes,
                        e.getClass().getSimpleName());
            }
        }
    }

    private FindIterable<RawBsonDocument> open(MongoCollection<RawBsonDocument> source, CollectionPlan plan, BsonValue lastId) {
        // Without batchSize some servers send a whole collection in one reply.
        FindIterable<RawBsonDocument> find = source.find(ResumeFilter.after(lastId)).batchSize(batchSize);
        if (plan.scansInIdOrder()) {
            return find.sort(new BsonDocument("_id", new BsonInt32(1)));
        }
        return find;
    }

    public static boolean isLostCursor(MongoException e) {
        if (e instanceof MongoCursorNotFoundException || e instanceof MongoSocketException
                || e instanceof MongoNotPrimaryException || e instanceof MongoNodeIsRecoveringException) {
            return true;
        }
        return (e instanceof MongoQueryException || e instanceof MongoCommandException)
                && LOST_CURSOR_CODES.contains(e.getCode());
    }
}
