package io.dbsync.api.sync.snapshot.archive;

import java.util.Optional;

/**
 * A damaged, truncated or foreign archive. The offset counts bytes of the uncompressed archive
 * stream (after gunzip), where the damaged element starts; the namespace is the one being read
 * there, if any.
 */
public class ArchiveCorruptException extends RuntimeException {
    private final transient Optional<Namespace> namespace;
    private final long offset;

    public ArchiveCorruptException(String problem, Optional<Namespace> namespace, long offset, Throwable cause) {
        super(message(problem, namespace, offset), cause);
        this.namespace = namespace;
        this.offset = offset;
    }

    public ArchiveCorruptException(String problem, Optional<Namespace> namespace, long offset) {
        this(problem, namespace, offset, null);
    }

    private static String message(String problem, Optional<Namespace> namespace, long offset) {
        String where = namespace.map(ns -> "namespace " + ns).orElse("no namespace");
        return "damaged archive: " + problem + " (" + where + ", at byte " + offset + " of the uncompressed stream)";
    }

    public Optional<Namespace> namespace() {
        return namespace;
    }

    public long offset() {
        return offset;
    }
}
