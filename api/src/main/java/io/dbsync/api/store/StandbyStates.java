package io.dbsync.api.store;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * Whether runs may write one standby ({@code standby_state}) and what happened to it
 * ({@code standby_events}): paused by an operator, or diverged (it took writes dbsync did not make).
 */
public final class StandbyStates {
    private final Jdbi jdbi;
    private final String targetKey;
    private final Clock clock;

    /**
     * The standby's state; every field null when it is neither paused nor diverged.
     *
     * @param divergedDetail what the last refused run found
     */
    public record State(String pausedReason, String pausedBy, Instant pausedAt, Instant divergedAt, String divergedDetail) {
        static final State NONE = new State(null, null, null, null, null);

        public boolean paused() {
            return pausedAt != null;
        }

        public boolean diverged() {
            return divergedAt != null;
        }
    }

    /** One line of the audit trail. */
    public record Event(String kind, String detail, String byUser, Instant at) {
    }

    public StandbyStates(Jdbi jdbi, String targetKey, Clock clock) {
        this.jdbi = jdbi;
        this.targetKey = targetKey;
        this.clock = clock;
    }

    public State current() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT paused_reason, paused_by, paused_at, diverged_at, "
                        + "diverged_detail FROM standby_state WHERE target_key = :target")
                .bind("target", targetKey)
                .map(ConstructorMapper.of(State.class))
                .findOne().orElse(State.NONE));
    }

    /** Pauses runs against this standby; returns false when it already was paused. */
    public boolean pause(String reason, String byUser) {
        Instant now = clock.instant();
        return jdbi.inTransaction(handle -> {
            int changed = handle.createUpdate("INSERT INTO standby_state (target_key, paused_reason, paused_by, paused_at) "
                            + "VALUES (:target, :reason, :by, :at) ON CONFLICT (target_key) DO UPDATE SET "
                            + "paused_reason = EXCLUDED.paused_reason, paused_by = EXCLUDED.paused_by, paused_at = EXCLUDED.paused_at "
                            + "WHERE standby_state.paused_at IS NULL")
                    .bind("target", targetKey).bind("reason", reason).bind("by", byUser).bind("at", now).execute();
            if (changed > 0) {
                event(handle, "paused", reason, byUser, now);
            }
            return changed > 0;
        });
    }

    /** Lets runs write this standby again; returns false when it was not paused. */
    public boolean resume(String byUser) {
        Instant now = clock.instant();
        return jdbi.inTransaction(handle -> {
            int changed = handle.createUpdate("UPDATE standby_state SET paused_reason = NULL, paused_by = NULL, "
                            + "paused_at = NULL WHERE target_key = :target AND paused_at IS NOT NULL")
                    .bind("target", targetKey).execute();
            if (changed > 0) {
                event(handle, "resumed", null, byUser, now);
            }
            return changed > 0;
        });
    }

    /** A run found foreign writes and was refused. */
    public void diverged(String detail, String runId) {
        Instant now = clock.instant();
        jdbi.useTransaction(handle -> {
            handle.createUpdate("INSERT INTO standby_state (target_key, diverged_at, diverged_detail) VALUES (:target, :at, :detail) "
                            + "ON CONFLICT (target_key) DO UPDATE SET diverged_at = EXCLUDED.diverged_at, "
                            + "diverged_detail = EXCLUDED.diverged_detail")
                    .bind("target", targetKey).bind("at", now).bind("detail", detail).execute();
            event(handle, "diverged", detail, runId, now);
        });
    }

    /**
     * A run wrote the standby (after a clean check, or forced): it is a copy again. {@code kind}
     * ({@code forced}, {@code failback}) is recorded when it says more than a normal run.
     */
    public void converged(String kind, String detail, String byUser) {
        Instant now = clock.instant();
        jdbi.useTransaction(handle -> {
            handle.createUpdate("UPDATE standby_state SET diverged_at = NULL, diverged_detail = NULL WHERE target_key = :target")
                    .bind("target", targetKey).execute();
            if (kind != null) {
                event(handle, kind, detail, byUser, now);
            }
        });
    }

    public List<Event> recentEvents(int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT kind, detail, by_user, at FROM standby_events "
                        + "WHERE target_key = :target ORDER BY at DESC, id DESC LIMIT :limit")
                .bind("target", targetKey).bind("limit", limit)
                .map(ConstructorMapper.of(Event.class)).list());
    }

    private void event(org.jdbi.v3.core.Handle handle, String kind, String detail, String byUser, Instant at) {
        handle.createUpdate("INSERT INTO standby_events (target_key, kind, detail, by_user, at) "
                        + "VALUES (:target, :kind, :detail, :by, :at)")
                .bind("target", targetKey).bind("kind", kind).bind("detail", detail).bind("by", byUser).bind("at", at)
                .execute();
    }
}
