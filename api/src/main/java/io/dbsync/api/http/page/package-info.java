/** The operator's status page at {@code GET /}: server-rendered HTML with inline CSS and SVG, every printed value escaped. */
package io.dbsync.api.http.page;
