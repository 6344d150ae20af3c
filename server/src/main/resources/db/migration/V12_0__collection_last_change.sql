-- When each collection last changed (objects added or deleted), epoch microseconds: the validator
-- of conditional GETs (ETag, Last-Modified) and of feed serials, read as one row. Written by add
-- and delete in their own transaction under the collection_state row lock, strictly increasing
-- (max(now, last_change + 1)). last_date_added does not move on delete, hence a column of its own.
ALTER TABLE collection_state ADD COLUMN last_change BIGINT DEFAULT 0 NOT NULL;
UPDATE collection_state SET last_change = last_date_added;
