/** A one-command demo: the real API wired to embedded MongoDB and PostgreSQL stand-ins. */
package io.dbsync.demo;
