/**
 * The in-place path: bring a standby collection up to date from the source's change stream, or by
 * comparing contents; verify it; or say that it needs a full copy instead.
 */
package io.dbsync.api.sync.delta;

