-- Where each standby stood when dbsync last finished writing it (its change-stream positions, or a
-- fingerprint), so the next run can tell whether anyone else wrote there since. Keyed by the
-- standby alone: whatever the source, a standby that took foreign writes must not be overwritten.
CREATE TABLE standby_marks (
    target_key  TEXT        PRIMARY KEY, -- MongoEndpoint.identity(): hosts and database, never credentials
    run_id      TEXT        NOT NULL,    -- the run (or failback copy) after whose last write the mark was taken
    marked_at   TIMESTAMPTZ NOT NULL,
    mark        JSONB       NOT NULL     -- detector, positions, per-collection counts, bounds and digests
);

-- Whether runs may write a standby: paused by an operator, or refused because it diverged.
CREATE TABLE standby_state (
    target_key      TEXT        PRIMARY KEY,
    paused_reason   TEXT,
    paused_by       TEXT,
    paused_at       TIMESTAMPTZ,
    diverged_at     TIMESTAMPTZ,
    diverged_detail TEXT
);

-- The audit trail of pause, resume, divergence and forced overwrites.
CREATE TABLE standby_events (
    id         BIGSERIAL   PRIMARY KEY,
    target_key TEXT        NOT NULL,
    kind       TEXT        NOT NULL, -- paused | resumed | diverged | forced | failback
    detail     TEXT,
    by_user    TEXT,
    at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX standby_events_target_at ON standby_events (target_key, at DESC);

-- A running run's per-collection figures, saved every few seconds, so another instance (or
-- `dbsync status`) can show its live progress.
ALTER TABLE runs ADD COLUMN live JSONB;
