/** Configuration records read once from the environment, and redaction of connection strings. */
package io.dbsync.api.config;
