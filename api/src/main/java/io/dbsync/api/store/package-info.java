/**
 * Everything dbsync keeps in PostgreSQL: the connection pool and migrations, the runs table, the
 * run lock, and the standby ledger. Depends on nothing of the engine.
 */
package io.dbsync.api.store;

