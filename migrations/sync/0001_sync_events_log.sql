-- Sync database (sync_db): per-user sync metadata written by the sync pipeline.
CREATE TABLE IF NOT EXISTS sync_events_log (
    id               bigint GENERATED ALWAYS AS IDENTITY,
    event_type       varchar(128),
    event_value      varchar(128),
    sync_request_id  varchar(128),
    client_id        varchar(128),
    user_id          varchar(128),
    created_at       timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
    PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);
CREATE INDEX IF NOT EXISTS ix_sync_events_log_client_id       ON sync_events_log (client_id);
CREATE INDEX IF NOT EXISTS ix_sync_events_log_sync_request_id ON sync_events_log (sync_request_id);
CREATE INDEX IF NOT EXISTS ix_sync_events_log_user_id         ON sync_events_log (user_id);
