package io.dbsync.api.sync.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Objects under one location (an S3 bucket and prefix, or a directory), named by flat keys. Knows
 * nothing about restore points: {@link RestorePoints} decides the keys and what makes one complete.
 */
public interface SnapshotStore extends AutoCloseable {
    /** Keys the stores accept: a flat name, safe as a file name and as an S3 key. */
    Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}");

    /**
     * Starts a streaming upload of {@code key}. Nothing is visible under the key until
     * {@link ObjectUpload#complete()} returns; {@link ObjectUpload#abort()} removes what was sent.
     */
    ObjectUpload upload(String key) throws IOException;

    /** Writes a small object in one piece, atomically: readers see all of it or none. */
    void put(String key, byte[] content) throws IOException;

    /** Every complete object, in no particular order (in-progress uploads are not objects). */
    List<StoredObject> list() throws IOException;

    /**
     * Streams an object.
     *
     * @throws MissingObjectException if there is none under {@code key}
     */
    InputStream open(String key) throws IOException;

    /** Deletes an object; deleting one that is not there is not an error. */
    void delete(String key) throws IOException;

    /** Where the store is, for logs and messages (never a credential). */
    String location();

    /** Releases connections (S3); nothing to do for a directory. */
    @Override
    default void close() {
    }

    static String checkKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a usable object key: " + key);
        }
        return key;
    }
}
