/** Prometheus metrics of runs and logins (Micrometer). */
package io.dbsync.api.metrics;
