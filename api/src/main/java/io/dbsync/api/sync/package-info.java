/**
 * Runs: the one service every caller starts a run through, the run itself (plan, copy, deltas,
 * views, what is missing on the source), its live progress and its results. The engine's layers
 * below it point one way: {@code copy} and {@code delta} use {@code mongo}, which uses {@code plan}.
 */
package io.dbsync.api.sync;

