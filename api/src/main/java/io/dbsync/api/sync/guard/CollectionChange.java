package io.dbsync.api.sync.guard;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What someone other than dbsync did to one standby collection since dbsync's last write. A count
 * is null when the detector cannot know it (counts cannot see updates; a fingerprint sees only
 * that the content changed).
 *
 * @param changed the content differs, as far as the detector can tell
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CollectionChange(String name, Long inserted, Long updated, Long deleted, boolean dropped, boolean created,
                               boolean changed) {

    static CollectionChange createdNow(String name) {
        return new CollectionChange(name, null, null, null, false, true, true);
    }

    static CollectionChange droppedNow(String name) {
        return new CollectionChange(name, null, null, null, true, false, true);
    }

    /** A short account, e.g. {@code orders (1 inserted, 2 updated)}. */
    String describe() {
        StringBuilder what = new StringBuilder();
        append(what, inserted, "inserted");
        append(what, updated, "updated");
        append(what, deleted, "deleted");
        if (dropped) {
            what.append(what.length() == 0 ? "" : ", ").append("dropped");
        }
        if (created) {
            what.append(what.length() == 0 ? "" : ", ").append("created");
        }
        if (what.length() == 0) {
            what.append("content changed");
        }
        return name + " (" + what + ")";
    }

    private static void append(StringBuilder what, Long count, String kind) {
        if (count != null && count > 0) {
            what.append(what.length() == 0 ? "" : ", ").append(count).append(' ').append(kind);
        }
    }
}
