-- Object ids indexed by a 64-bit hash instead of their text (nl.camiso.server.storage.ObjectIdHash:
-- the first 8 bytes of SHA-256 of the id's UTF-8 bytes as a signed big-endian BIGINT).
-- PostgreSQL (and the neutral copy); db/migration/h2/ holds H2's spelling of the hash.
ALTER TABLE stix_object ADD COLUMN id_hash BIGINT;
UPDATE stix_object SET id_hash = ('x' || left(encode(sha256(convert_to(object_id, 'UTF8')), 'hex'), 16))::bit(64)::bigint;
ALTER TABLE stix_object ALTER COLUMN id_hash SET NOT NULL;
-- match[id], Get an Object, versions, duplicate detection: id_hash first, so that an IN list of ids is
-- an index lookup on H2 too. Not unique (two ids may share a hash); writers of a collection are
-- serialised on its collection_state row, which is what keeps each id + version stored once.
CREATE INDEX ix_stix_object_id_hash ON stix_object (id_hash, collection_key, version_micros);
DROP INDEX ix_stix_object_version;
