-- H2 copy of db/migration/V7_0__reference_hash.sql: the same schema, H2's spelling of the hash.
ALTER TABLE camiso_reference ADD COLUMN target_hash BIGINT;
ALTER TABLE camiso_reference ADD COLUMN referrer_hash BIGINT;
UPDATE camiso_reference SET
    target_hash = CAST(SUBSTRING(HASH('SHA-256', target_id) FROM 1 FOR 8) AS BIGINT),
    referrer_hash = CAST(SUBSTRING(HASH('SHA-256', referrer_id) FROM 1 FOR 8) AS BIGINT);
ALTER TABLE camiso_reference ALTER COLUMN target_hash SET NOT NULL;
ALTER TABLE camiso_reference ALTER COLUMN referrer_hash SET NOT NULL;
-- see the neutral copy for why the index is not unique
ALTER TABLE camiso_reference DROP CONSTRAINT pk_camiso_reference;
CREATE INDEX ix_camiso_reference_hash ON camiso_reference (target_hash, referrer_hash);
