package io.dbsync.api.sync.snapshot;

import java.io.IOException;

/** A store has no object under the key asked for. */
public class MissingObjectException extends IOException {
    public MissingObjectException(String key, String location) {
        super("no object '" + key + "' in " + location);
    }
}
