/**
 * Streams mongodump's archive format (optionally gzip-compressed) in and out with bounded memory, so
 * that dbsync's restore points can be read by {@code mongorestore --archive --gzip} and mongodump's
 * archives by dbsync; it depends only on the JDK and the driver's {@code org.bson}.
 */
package io.dbsync.api.sync.snapshot.archive;
