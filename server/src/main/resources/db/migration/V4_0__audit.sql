-- The append-only, hash-chained audit log (nl.camiso.server.audit.DbAuditLog).
-- Dialect-neutral: H2 2.x and PostgreSQL 12+. Times are epoch microseconds in BIGINT columns,
-- which round-trip exactly (the hash covers them).

-- The chain head: exactly one row (id = 1), locked with SELECT ... FOR UPDATE by every append,
-- which serialises appends across threads and server processes. It also holds the last
-- sequence number and hash, so entries removed from the end of the log are detected.
CREATE TABLE camiso_audit_head (
    id        INTEGER     NOT NULL PRIMARY KEY,
    last_seq  BIGINT      NOT NULL,
    last_hash VARCHAR(64) NOT NULL
);

INSERT INTO camiso_audit_head (id, last_seq, last_hash)
    VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- One row per event. entry_hash = SHA-256 over the canonical serialisation of the row
-- including prev_hash (AuditChain). object_ids is a JSON array of strings.
CREATE TABLE camiso_audit (
    seq            BIGINT       NOT NULL PRIMARY KEY,
    at_micros      BIGINT       NOT NULL,
    action         VARCHAR(40)  NOT NULL,
    actor          VARCHAR(200) NOT NULL,
    organisation   VARCHAR(100),
    remote_address VARCHAR(100),
    api_root       VARCHAR(100),
    collection_id  VARCHAR(100),
    object_ids     TEXT         NOT NULL,
    outcome        VARCHAR(20)  NOT NULL,
    detail         TEXT,
    prev_hash      VARCHAR(64)  NOT NULL,
    entry_hash     VARCHAR(64)  NOT NULL
);

-- supervisor queries: by time, by organisation (each then in sequence order)
CREATE INDEX ix_camiso_audit_time ON camiso_audit (at_micros, seq);
CREATE INDEX ix_camiso_audit_org ON camiso_audit (organisation, seq);
