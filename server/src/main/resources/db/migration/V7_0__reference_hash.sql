-- The reference index (V5) keyed by the 64-bit hashes of its ids (nl.camiso.server.storage.ObjectIdHash,
-- as stix_object.id_hash in V6) instead of a primary key over three strings: each relationship puts
-- two entries at random places of this index, and H2 rewrites every index page an insert touches.
-- PostgreSQL (and the neutral copy); db/migration/h2/ holds H2's spelling of the hash.
ALTER TABLE camiso_reference ADD COLUMN target_hash BIGINT;
ALTER TABLE camiso_reference ADD COLUMN referrer_hash BIGINT;
UPDATE camiso_reference SET
    target_hash = ('x' || left(encode(sha256(convert_to(target_id, 'UTF8')), 'hex'), 16))::bit(64)::bigint,
    referrer_hash = ('x' || left(encode(sha256(convert_to(referrer_id, 'UTF8')), 'hex'), 16))::bit(64)::bigint;
ALTER TABLE camiso_reference ALTER COLUMN target_hash SET NOT NULL;
ALTER TABLE camiso_reference ALTER COLUMN referrer_hash SET NOT NULL;
-- Not unique (ids may share a hash): ReferenceIndex.recordAll checks for an existing row before it
-- inserts one, under the collection's writer lock. Lookups by target, and by target and referrer.
ALTER TABLE camiso_reference DROP CONSTRAINT pk_camiso_reference;
CREATE INDEX ix_camiso_reference_hash ON camiso_reference (target_hash, referrer_hash);
