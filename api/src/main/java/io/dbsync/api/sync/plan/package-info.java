/**
 * What a run will do, decided before it writes anything: the source's collections, the task per
 * collection (its method and why), the filters and guards, the staging names, and the small
 * vocabulary every engine layer shares (task outcomes, progress, failures). Depends on nothing
 * else in the engine.
 */
package io.dbsync.api.sync.plan;

