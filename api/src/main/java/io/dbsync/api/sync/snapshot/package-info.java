/**
 * Restore points: where they are stored (S3 or a directory), their manifests, the catalog that
 * lists, verifies and deletes them, when one is due and which ones retention keeps; it depends on
 * the JDK, {@code config}, {@code sync.snapshot.archive} and the AWS SDK, never on the rest of the engine.
 */
package io.dbsync.api.sync.snapshot;
