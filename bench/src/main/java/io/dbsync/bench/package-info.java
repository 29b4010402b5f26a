/**
 * The copy-engine benchmark (docs/benchmarks.md). {@link io.dbsync.bench.BenchMain} orchestrates
 * separate JVMs: the MongoDB wire servers ({@link io.dbsync.bench.BenchServer}), one-shot client
 * measurements ({@link io.dbsync.bench.ClientTask}) and the syncing JVM running the real API
 * ({@link io.dbsync.bench.SyncRunner}). Every child exits when its stdin closes or after a maximum
 * lifetime, and everything listens on 127.0.0.1 only.
 */
package io.dbsync.bench;
