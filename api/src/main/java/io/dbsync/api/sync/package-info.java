/**
 * The full-copy engine: plan the source's collections, copy each into a staging collection on the
 * target, verify it, and swap all staged collections in only when every one is complete.
 */
package io.dbsync.api.sync;
