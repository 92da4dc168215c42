-- request_records is written once for every gateway request and read by the console and the
-- admin API now and then: it keeps only the indexes those reads need most.
-- - (route, time) and (provider, time) go: a route or provider filter over a period reads the
--   time index and checks the column (the console and analytics always bound the period).
--   Each cost every insert ~2 µs; (user_id, time) stays, as every non-admin read filters on it.
-- - the id loses AUTOINCREMENT: SQLite then gives a new row the largest rowid + 1 without
--   reading and rewriting sqlite_sequence on every insert (~2 µs). Ids stay increasing because
--   the retention purge deletes the oldest rows, never the newest; they only break ties in time.
-- SQLite cannot drop AUTOINCREMENT in place: the table is rebuilt (same columns, same order).
CREATE TABLE request_records_v3 (
    id            INTEGER PRIMARY KEY,
    request_id    VARCHAR(64)   NOT NULL,
    time          BIGINT        NOT NULL,
    user_id       BIGINT,
    username      VARCHAR(100),
    key_prefix    VARCHAR(16),
    host          VARCHAR(255),
    path          VARCHAR(1024),
    route         VARCHAR(100),
    provider      VARCHAR(100),
    model         VARCHAR(255),
    status        INTEGER       NOT NULL,
    input_tokens  BIGINT        NOT NULL DEFAULT 0,
    output_tokens BIGINT        NOT NULL DEFAULT 0,
    latency_ms    BIGINT        NOT NULL DEFAULT 0,
    ttfb_ms       BIGINT,
    queue_ms      BIGINT        NOT NULL DEFAULT 0,
    stream        BOOLEAN       NOT NULL DEFAULT FALSE,
    fallback      BOOLEAN       NOT NULL DEFAULT FALSE,
    error         VARCHAR(255),
    client_ip     VARCHAR(64),
    CONSTRAINT uq_request_records_request_id UNIQUE (request_id)
);

INSERT INTO request_records_v3 (id, request_id, time, user_id, username, key_prefix, host, path, route, provider,
        model, status, input_tokens, output_tokens, latency_ms, ttfb_ms, queue_ms, stream, fallback, error, client_ip)
    SELECT id, request_id, time, user_id, username, key_prefix, host, path, route, provider,
        model, status, input_tokens, output_tokens, latency_ms, ttfb_ms, queue_ms, stream, fallback, error, client_ip
    FROM request_records;

DROP TABLE request_records;
ALTER TABLE request_records_v3 RENAME TO request_records;
DELETE FROM sqlite_sequence WHERE name = 'request_records';

CREATE INDEX ix_request_records_time ON request_records (time);
CREATE INDEX ix_request_records_user ON request_records (user_id, time);
