/**
 * The dbsync API service: an HTTP endpoint that copies every collection of a source MongoDB
 * database into a standby, and the command line that manages its users.
 */
package io.dbsync.api;
