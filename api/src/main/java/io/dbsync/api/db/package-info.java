/** The PostgreSQL connection pool, schema migrations and the Jdbi handle. */
package io.dbsync.api.db;
