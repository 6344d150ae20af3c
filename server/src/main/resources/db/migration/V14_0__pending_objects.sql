-- Objects that wait for marking definitions that have not arrived yet (status "pending", see
-- INGEST.md): kept here, not in stix_object, so that no reader sees an object before its markings
-- are known. Written in the transaction that writes their taxii_status row; deleted in the
-- transaction that stores or fails them and rewrites that status. Dialect-neutral (see V1_0).
CREATE TABLE pending_object (
    status_id    VARCHAR(36)  NOT NULL,
    -- the object's place among the waiting objects of its status
    seq          INTEGER      NOT NULL,
    object_id    VARCHAR(300) NOT NULL,
    -- modified, else created, as written; '' when it has neither
    version_text VARCHAR(64)  NOT NULL,
    -- when it started waiting (the status request_timestamp), epoch microseconds: the timeout counts from here
    since        BIGINT       NOT NULL,
    -- the ids of the marking definitions it waits for, space-separated
    awaiting     TEXT         NOT NULL,
    -- why it waits (the status pendings[].message)
    reason       TEXT         NOT NULL,
    json_bytes   BYTEA        NOT NULL,
    CONSTRAINT pk_pending_object PRIMARY KEY (status_id, seq)
);

CREATE INDEX ix_pending_object_since ON pending_object (since);
