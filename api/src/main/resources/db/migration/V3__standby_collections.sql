-- What dbsync knows about each standby collection it made: that the standby holds a complete copy
-- of the source collection, and from which change-stream position the next delta must start.
-- A row is written only after the copy was swapped in, or after a delta batch was applied.
CREATE TABLE standby_collections (
    source_key  TEXT        NOT NULL, -- MongoEndpoint.identity(): hosts and database, never credentials
    target_key  TEXT        NOT NULL,
    collection  TEXT        NOT NULL,
    position    TEXT,                 -- resume token or start time as extended JSON; NULL: the source had no change streams
    run_id      TEXT        NOT NULL, -- the run that last brought this collection up to date
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (source_key, target_key, collection)
);
