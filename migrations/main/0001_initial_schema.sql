-- Main database (api_insights_db): the tables of docs/schema.md.
-- Heavy tables are range-partitioned by created_at into daily partitions
-- named <table>_YYYY_MM_DD; `mobileforge migrate` and the services'
-- maintenance routine create them ahead of time.

CREATE TABLE IF NOT EXISTS clients (
    id          bigint GENERATED ALWAYS AS IDENTITY,
    client_id   varchar(72)  NOT NULL,
    email       varchar(32)  NULL,
    auth_token  varchar(36)  NOT NULL,
    created_at  timestamp    NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
    updated_at  timestamp    NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
    geography   varchar(128) DEFAULT 'india',
    PRIMARY KEY (id, created_at)
);
CREATE INDEX IF NOT EXISTS ix_clients_client_id ON clients (client_id);

CREATE TABLE IF NOT EXISTS api_request_dump (
    request_id    varchar(128) PRIMARY KEY,
    created_at    timestamp DEFAULT (now() AT TIME ZONE 'utc'),
    user_id       varchar(128),
    client_id     varchar(128),
    request_dump  json NOT NULL,
    api_name      varchar(128)
);
CREATE INDEX IF NOT EXISTS ix_api_request_dump_api_name   ON api_request_dump (api_name);
CREATE INDEX IF NOT EXISTS ix_api_request_dump_client_id  ON api_request_dump (client_id);
CREATE INDEX IF NOT EXISTS ix_api_request_dump_created_at ON api_request_dump (created_at);
CREATE INDEX IF NOT EXISTS ix_api_request_dump_user_id    ON api_request_dump (user_id);

CREATE TABLE IF NOT EXISTS api_response_dump (
    request_id         varchar(128) PRIMARY KEY,
    created_at         timestamp DEFAULT (now() AT TIME ZONE 'utc'),
    user_id            varchar(128),
    client_id          varchar(128),
    response_dump      json NULL,
    time_to_featurize  float8 NULL,
    time_json          json NULL,
    api_name           varchar(128)
);
CREATE INDEX IF NOT EXISTS ix_api_response_dump_api_name   ON api_response_dump (api_name);
CREATE INDEX IF NOT EXISTS ix_api_response_dump_client_id  ON api_response_dump (client_id);
CREATE INDEX IF NOT EXISTS ix_api_response_dump_created_at ON api_response_dump (created_at);
CREATE INDEX IF NOT EXISTS ix_api_response_dump_user_id    ON api_response_dump (user_id);

CREATE TABLE IF NOT EXISTS insights_request_dump (
    request_id   varchar(128) NOT NULL,
    user_id      varchar(128),
    client_id    varchar(128),
    created_at   timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
    cutoff_date  varchar(128) NOT NULL,
    PRIMARY KEY (request_id, created_at)
) PARTITION BY RANGE (created_at);
CREATE INDEX IF NOT EXISTS ix_insights_request_dump_client_id ON insights_request_dump (client_id);
CREATE INDEX IF NOT EXISTS ix_insights_request_dump_user_id   ON insights_request_dump (user_id);

CREATE TABLE IF NOT EXISTS insights_response_dump (
    request_id         varchar(128) NOT NULL,
    user_id            varchar(128),
    client_id          varchar(128),
    created_at         timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
    response_dump      json,
    time_to_featurize  float8,
    time_json          json,
    groupings          json DEFAULT '[]',
    PRIMARY KEY (request_id, created_at)
) PARTITION BY RANGE (created_at);
CREATE INDEX IF NOT EXISTS ix_insights_response_dump_client_id ON insights_response_dump (client_id);
CREATE INDEX IF NOT EXISTS ix_insights_response_dump_user_id   ON insights_response_dump (user_id);

CREATE TABLE IF NOT EXISTS fetch_extracted_request_dump (
    request_id   varchar(128) NOT NULL,
    user_id      varchar(128),
    client_id    varchar(128),
    created_at   timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
    cutoff_date  varchar(128),
    PRIMARY KEY (request_id, created_at)
) PARTITION BY RANGE (created_at);
CREATE INDEX IF NOT EXISTS ix_fetch_extracted_request_dump_client_id ON fetch_extracted_request_dump (client_id);
CREATE INDEX IF NOT EXISTS ix_fetch_extracted_request_dump_user_id   ON fetch_extracted_request_dump (user_id);

CREATE TABLE IF NOT EXISTS fetch_extracted_response_dump (
    request_id         varchar(128) NOT NULL,
    user_id            varchar(128),
    client_id          varchar(128),
    created_at         timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
    response_dump      json,
    time_to_featurize  float8,
    time_json          json,
    PRIMARY KEY (request_id, created_at)
) PARTITION BY RANGE (created_at);
CREATE INDEX IF NOT EXISTS ix_fetch_extracted_response_dump_client_id ON fetch_extracted_response_dump (client_id);
CREATE INDEX IF NOT EXISTS ix_fetch_extracted_response_dump_user_id   ON fetch_extracted_response_dump (user_id);

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

CREATE TABLE IF NOT EXISTS unauthorized_requests (
    id          bigint GENERATED ALWAYS AS IDENTITY,
    client_id   varchar(128),
    request_id  varchar(128),
    auth_token  varchar(256),
    req_body    json,
    created_at  timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
    PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);
CREATE INDEX IF NOT EXISTS ix_unauthorized_requests_client_id  ON unauthorized_requests (client_id);
CREATE INDEX IF NOT EXISTS ix_unauthorized_requests_request_id ON unauthorized_requests (request_id);
CREATE INDEX IF NOT EXISTS ix_unauthorized_requests_created_at ON unauthorized_requests (created_at);

CREATE TABLE IF NOT EXISTS usage (
    id             bigint GENERATED ALWAYS AS IDENTITY,
    request_id     varchar(128) NULL,
    client_id      varchar(128),
    api_name       varchar(128),
    response_code  int4,
    created_at     timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
    PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);
CREATE INDEX IF NOT EXISTS ix_usage_api_name  ON usage (api_name);
CREATE INDEX IF NOT EXISTS ix_usage_client_id ON usage (client_id);
