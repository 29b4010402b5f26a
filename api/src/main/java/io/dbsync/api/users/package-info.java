/** Command-line user management: the only way users are created, disabled or re-passworded. */
package io.dbsync.api.users;
