/**
 * Never overwrite a standby that went live: the mark a run leaves on the standby after its last
 * write (change-stream positions, counts, bounds, digests), and the check the next run makes before
 * it writes anything — by the standby's change stream, by content fingerprint, or by counts and
 * {@code _id} bounds, best first.
 */
package io.dbsync.api.sync.guard;
