/**
 * The full-copy path: copy collections into this run's staging collections, verify them, swap them
 * in; recreate views. A failure before the swap leaves the standby as it was.
 */
package io.dbsync.api.sync.copy;

