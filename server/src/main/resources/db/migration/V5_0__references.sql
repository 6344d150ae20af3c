-- Sharing network (issue 4), actions/release part: a reference index and release consents.
-- Portable SQL: H2 2.x and PostgreSQL 12+.

-- Which stored objects refer to which id, for the types whose references the extension endpoints
-- follow backwards (relationship source_ref/target_ref, language-content object_ref,
-- note/opinion/report object_refs, sighting sighting_of_ref). Filled in the same transaction as
-- the object rows by ObjectStore.add (ReferenceIndex.record); rows of an object are removed when
-- its last version in the collection is deleted. A row means "some stored version of referrer_id
-- in this collection refers to target_id"; readers re-check the latest version's JSON, so an
-- older version's reference never shows up as current.
CREATE TABLE camiso_reference (
    target_id     VARCHAR(300) NOT NULL,
    collection_id VARCHAR(128) NOT NULL,
    referrer_id   VARCHAR(300) NOT NULL,
    referrer_type VARCHAR(250) NOT NULL,
    CONSTRAINT pk_camiso_reference PRIMARY KEY (target_id, collection_id, referrer_id)
);

-- No (referrer_id) index: every row is a random-order entry, and ingest pays for each index of it.
-- Writers find an object's rows through the primary key, from the targets in the object's JSON.

-- Consent of an originating organisation that an intermediary releases sanitised copies of the
-- organisation's own objects (created_by_ref = its identity) from one collection.
CREATE TABLE camiso_release_consent (
    collection_id   VARCHAR(128) NOT NULL,
    originator      VARCHAR(100) NOT NULL,
    intermediary    VARCHAR(100) NOT NULL,
    name_originator BOOLEAN      NOT NULL,
    given_by        VARCHAR(100) NOT NULL,
    given_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_camiso_release_consent PRIMARY KEY (collection_id, originator, intermediary)
);
