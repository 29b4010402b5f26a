/** Coordination of runs: the lock that lets one run at a time write the standby, and the runs table. */
package io.dbsync.api.runs;
