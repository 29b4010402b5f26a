package io.dbsync.api.sync.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a run fits the standby's storage: every staged collection swapped in at once, or one
 * collection at a time; the standby's use before the run, at its peak and after it, in MB; and why.
 *
 * @param limitMb the standby's limit, or null when none is known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoragePlan(Strategy strategy, long usedMb, long peakMb, long afterMb, Long limitMb, String reason) {

    /** How staged copies are swapped in. */
    public enum Strategy {
        /** Every collection staged, then all swapped in together: the standby is never a mix of two runs. */
        WHOLE,
        /** Stage, verify and swap one collection at a time, largest first: each collection is all-old or all-new. */
        PER_COLLECTION;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
