/**
 * The engine's primitives on the MongoDB driver, shared by the copy and delta paths: scanning with
 * resume, change streams and positions, index specs, content digests, verification, bounded
 * batches, the per-collection fan-out, and the context one run's workers share.
 */
package io.dbsync.api.sync.mongo;

