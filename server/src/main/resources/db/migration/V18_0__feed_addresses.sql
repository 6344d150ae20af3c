-- The IPv4/IPv6 addresses and blocks of each indicator's latest version in a collection, so that the
-- ip feed reads them in address order and merges them while it writes (feeds/FeedAddresses), instead
-- of reading every indicator before its first byte. Written in the transaction that writes the
-- object rows (storage/FeedAddressIndex): when a version becomes an indicator's latest, the rows of
-- the previous latest are replaced by its own; a revoked version, one without a STIX pattern or with
-- a pattern not expressible as a list has none. Databases written before this table are filled once
-- at start. Dialect-neutral (see V1_0).
CREATE TABLE feed_address (
    collection_key INTEGER      NOT NULL,
    -- first and last address of the block: '4' and 8, or '6' and 32 lower-case hex digits, so that
    -- text order is address order, IPv4 before IPv6
    first_address  VARCHAR(33)  NOT NULL,
    last_address   VARCHAR(33)  NOT NULL,
    -- the version's stix_object.date_added: one version per row key, and a key that only grows
    date_added     BIGINT       NOT NULL,
    object_id      VARCHAR(300) NOT NULL,
    -- the version's valid_from and valid_until in epoch microseconds (null when absent): checked at read
    valid_from     BIGINT,
    valid_until    BIGINT,
    confidence     INTEGER,
    -- modified, else created, in epoch microseconds
    modified       BIGINT       NOT NULL,
    -- one index, which is also the read order: a version's rows are found again from its JSON and
    -- date_added, so ingest pays for no second index, and the narrow numeric date_added keeps the
    -- key short (ingest pays for every index entry, at a random place of the index)
    CONSTRAINT pk_feed_address PRIMARY KEY (collection_key, first_address, last_address, date_added)
);
