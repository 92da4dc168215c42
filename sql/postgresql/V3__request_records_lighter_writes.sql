-- request_records is written once for every gateway request and read by the console and the
-- admin API now and then: it keeps only the indexes those reads need most (as on SQLite, see
-- sql/sqlite/V3__request_records_lighter_writes.sql). A route or provider filter over a period
-- reads the time index and checks the column; (user_id, time) stays, as every non-admin read
-- filters on it. The identity column stays as it is: a sequence costs PostgreSQL little.
DROP INDEX IF EXISTS ix_request_records_route;
DROP INDEX IF EXISTS ix_request_records_provider;
