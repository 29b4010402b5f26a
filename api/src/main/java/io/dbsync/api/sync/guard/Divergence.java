package io.dbsync.api.sync.guard;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the check before a run found on the standby.
 *
 * @param detector    which detector decided: {@code stream} (exact), {@code fingerprint}, {@code counts}
 *                    (weakest), or {@code none} when there was nothing to compare with yet
 * @param lastWriteAt when dbsync last finished writing the standby (the mark's time); null without a mark
 * @param note        why a better detector could not be used, or why nothing was checked
 * @param forced      the run overwrote a diverged standby because it was told to ({@code force=true})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Divergence(Detector detector, boolean diverged, Instant lastWriteAt, String note,
                         List<CollectionChange> collections, boolean forced) {

    /** The detectors, best first. */
    public enum Detector {
        STREAM, FINGERPRINT, COUNTS, NONE;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static Divergence unchecked(String why) {
        return new Divergence(Detector.NONE, false, null, why, List.of(), false);
    }

    public Divergence overriddenByForce() {
        return new Divergence(detector, diverged, lastWriteAt, note, collections, true);
    }

    /** The refusal's message: the collections, what changed, when dbsync last wrote, and the way out. */
    public String refusalMessage() {
        String changes = collections.stream().map(CollectionChange::describe).collect(Collectors.joining(", "));
        return "standby diverged: " + changes + " since dbsync last wrote it at " + lastWriteAt + " (detected by "
                + detector.json() + (note == null ? "" : "; " + note) + "); nothing was written. If the app now writes"
                + " to the standby, pause dbsync and fail back with 'dbsync copy'; to overwrite these writes, re-run with"
                + " force=true";
    }
}
