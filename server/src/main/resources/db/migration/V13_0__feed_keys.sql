-- Feed keys: read-only keys for devices that can only fetch a URL. Only a SHA-256 of the key is
-- stored (the key is 256 random bits, so a fast hash cannot be reversed by guessing; see
-- FeedKeys). A key is bound to its account's random id and token generation at creation: when the
-- account is deleted, re-created or its password changes, the key stops working. Revoking deletes
-- the row, which takes effect with the next request.
CREATE TABLE camiso_feed_key (
    key_id           VARCHAR(40)  NOT NULL PRIMARY KEY,
    key_hash         VARCHAR(64)  NOT NULL,
    account_name     VARCHAR(100) NOT NULL REFERENCES camiso_account (name) ON DELETE CASCADE,
    account_id       VARCHAR(36)  NOT NULL,
    token_generation BIGINT       NOT NULL,
    label            VARCHAR(200),
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX ux_camiso_feed_key_hash ON camiso_feed_key (key_hash);
