/**
 * A small, strict JSON reader and one-line writer, hand-written so the scheduler's jar needs no
 * JSON library and so every refusal is ours to define: RFC 8259 only, nesting bounded at 64
 * levels, no duplicate member names, no raw control characters, and error messages that give an
 * offset but never quote the input.
 *
 * <p>Public: {@link io.dbsync.scheduler.json.JsonObject} (parse an object and read typed members),
 * {@link io.dbsync.scheduler.json.JsonWriter} and {@link io.dbsync.scheduler.json.JsonException}.
 * The parser itself is package-private.
 */
package io.dbsync.scheduler.json;
