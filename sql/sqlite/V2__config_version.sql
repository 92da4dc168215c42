-- One row: a counter moved on by every configuration change, so that every node of a cluster
-- notices a change made through another one (each node compares it with the version it loaded).
CREATE TABLE config_version (
    id      INTEGER NOT NULL PRIMARY KEY,
    version BIGINT  NOT NULL,
    CONSTRAINT ck_config_version_single CHECK (id = 1)
);

INSERT INTO config_version (id, version) VALUES (1, 0);
