-- H2 never reads these two indexes: for every keyset query (ORDER BY collection_key, date_added
-- LIMIT n) it walks the primary key and filters the flags, also where nearly all rows are old
-- versions (checked with EXPLAIN on 50,000 rows of which 95 % are neither first nor last). Each
-- insert still paid for two entries in them.
DROP INDEX ix_stix_object_last;
DROP INDEX ix_stix_object_first;
