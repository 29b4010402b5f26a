/**
 * The copy-engine benchmark (docs/benchmarks.md). {@link io.dbsync.bench.BenchMain} orchestrates
 * separate JVMs: the MongoDB wire servers ({@link io.dbsync.bench.BenchServer}), one-shot client
 * measurements ({@link io.dbsync.bench.ClientTask}) and the syncing JVM running the real API
 * ({@link io.dbsync.bench.SyncRunner}, {@link io.dbsync.bench.AnchorRunner} with MongoDB's tools beside it).
 * {@link io.dbsync.bench.ChurnBench} and {@link io.dbsync.bench.AtlasBench} run the API in their own JVM.
 * Every child exits when its stdin closes or after a maximum lifetime, and everything listens on
 * 127.0.0.1 only.
 */
package io.dbsync.bench;
