-- H2 copy of db/migration/V6_0__object_id_hash.sql: the same schema, H2's spelling of the hash.
ALTER TABLE stix_object ADD COLUMN id_hash BIGINT;
UPDATE stix_object SET id_hash = CAST(SUBSTRING(HASH('SHA-256', object_id) FROM 1 FOR 8) AS BIGINT);
ALTER TABLE stix_object ALTER COLUMN id_hash SET NOT NULL;
-- see the neutral copy for why id_hash comes first and why the index is not unique
CREATE INDEX ix_stix_object_id_hash ON stix_object (id_hash, collection_key, version_micros);
DROP INDEX ix_stix_object_version;
