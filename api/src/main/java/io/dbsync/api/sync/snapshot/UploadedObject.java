package io.dbsync.api.sync.snapshot;

/** A completed upload: its key, its size in bytes and the SHA-256 of those bytes (lower-case hex). */
public record UploadedObject(String key, long size, String sha256) {
}
