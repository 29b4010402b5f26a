package io.dbsync.testkit.atlas;

import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;

/**
 * Corrects {@code n} in mongo-java-server's insert reply, which counts every document sent even when
 * some were refused; a real server counts the documents inserted. It matters here because the quota
 * refuses documents in the middle of a batch, and a client counts what was stored from {@code n}.
 */
final class InsertReply {
    private InsertReply() {
    }

    static Document withInsertedCount(Document query, Document reply) {
        if (!(reply.get("writeErrors") instanceof List<?> errors) || errors.isEmpty()
                || !(query.get("documents") instanceof List<?> documents)) {
            return reply;
        }
        boolean ordered = Utils.isTrue(query.get("ordered")); // as mongo-java-server reads it (drivers always send it)
        int inserted = documents.size() - errors.size();
        if (ordered && errors.get(0) instanceof Document first && first.get("index") instanceof Number index) {
            inserted = index.intValue(); // an ordered batch stops at its first error
        }
        reply.put("n", inserted);
        return reply;
    }
}
