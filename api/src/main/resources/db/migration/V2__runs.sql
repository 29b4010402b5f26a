-- Every run, whoever triggered it: the audit trail, the history behind /runs, and freshness.
CREATE TABLE runs (
    id           TEXT        PRIMARY KEY,
    status       TEXT        NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'refused')),
    mode         TEXT        NOT NULL,
    triggered_by TEXT        NOT NULL,
    forced       BOOLEAN     NOT NULL DEFAULT false,
    started_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ,
    documents    BIGINT      NOT NULL DEFAULT 0,
    bytes        BIGINT      NOT NULL DEFAULT 0,
    error        TEXT,
    result       JSONB
);
CREATE INDEX runs_started_at ON runs (started_at DESC);
CREATE INDEX runs_completed ON runs (finished_at DESC) WHERE status = 'completed';
-- At most one run is recorded as running: a second guard behind the advisory lock.
CREATE UNIQUE INDEX runs_one_running ON runs ((true)) WHERE status = 'running';
