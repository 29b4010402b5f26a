/** HTTP Basic authentication against the users table: bcrypt hashes, equal answers for every failure. */
package io.dbsync.api.auth;
