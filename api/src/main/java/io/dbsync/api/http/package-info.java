/** The HTTP surface: the server factory, controllers, and the single JSON error shape. */
package io.dbsync.api.http;
