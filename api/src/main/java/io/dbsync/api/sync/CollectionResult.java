package io.dbsync.api.sync;

/**
 * What a run did to one collection.
 *
 * @param method       {@code copy} (staged full copy, swapped in), {@code stream} (changes from the
 *                     change stream, applied in place), {@code digest} (contents compared, the difference
 *                     applied in place) or {@code definition} (a view)
 * @param reason       why this method was used, when the run's mode alone does not say it (a fallback)
 * @param documents    documents written to the standby (a copy: all of them; a delta: new and changed ones)
 * @param deleted      documents a delta removed from the standby
 * @param bytes        raw BSON bytes written
 * @param indexes      indexes on the collection besides {@code _id}
 * @param verified     the checks of {@code verification} passed: a copy's documents read = written = counted on
 *                     staging, a delta's standby count = the source's, equal index specs, and with {@code digest}
 *                     equal content digests
 * @param verification {@code count} or {@code digest}: which checks {@code verified} stands for
 */
public record CollectionResult(String name, String type, String method, String reason, long documents, long deleted,
                               long bytes, int indexes, long durationMs, boolean verified, String verification) {

    public static final String COPY = "copy";
    public static final String STREAM = "stream";
    public static final String DIGEST = "digest";
    public static final String DEFINITION = "definition";

    CollectionResult withReason(String newReason) {
        return new CollectionResult(name, type, method, newReason, documents, deleted, bytes, indexes, durationMs, verified,
                verification);
    }
}
