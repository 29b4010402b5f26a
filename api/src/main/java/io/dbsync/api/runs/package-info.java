/** Coordination of runs: the lock that lets only one run write the standby at a time. */
package io.dbsync.api.runs;
