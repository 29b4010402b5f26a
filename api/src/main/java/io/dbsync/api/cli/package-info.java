/**
 * The operator's command line besides {@code serve} and {@code users}: {@code sync}, {@code copy},
 * {@code status}, {@code pause} and {@code resume}. Every run goes through {@code SyncService}
 * (the same lock, guards and records as the API); connection strings come from named environment
 * variables or a prompt, never from arguments.
 */
package io.dbsync.api.cli;
