-- Async insights jobs live here, not in process memory, so any replica can
-- answer a poll and a job survives the crash of the replica running it.
CREATE TABLE IF NOT EXISTS insights_jobs (
    job_key          varchar(512) NOT NULL,       -- client_id | user_id | sorted groupings
    request_id       varchar(128) NOT NULL,
    client_id        varchar(128) NOT NULL,
    user_id          varchar(128) NOT NULL,
    groupings        json NOT NULL,
    status           varchar(16)  NOT NULL,       -- pending | running | done | failed
    attempts         int          NOT NULL DEFAULT 0,
    lease_owner      varchar(128) NULL,
    lease_until      timestamp    NULL,
    deadline         timestamp    NOT NULL,
    data_requested_time timestamp NOT NULL,
    result           json         NULL,
    result_status    int          NULL,
    error            text         NULL,
    created_at       timestamp    NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
    finished_at      timestamp    NULL,
    PRIMARY KEY (request_id)
);
-- The latest job of a key is found through this index.
CREATE INDEX IF NOT EXISTS ix_insights_jobs_key ON insights_jobs (job_key, created_at DESC);
CREATE INDEX IF NOT EXISTS ix_insights_jobs_claim ON insights_jobs (status, lease_until);
-- Two first calls racing for the same user + client + groupings create one job.
CREATE UNIQUE INDEX IF NOT EXISTS ux_insights_jobs_live ON insights_jobs (job_key) WHERE status IN ('pending', 'running');
