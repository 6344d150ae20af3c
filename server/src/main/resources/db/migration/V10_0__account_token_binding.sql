-- Bearer tokens are bound to the account they were issued to, not merely to its name: account_id
-- is random and never reused (a deleted and re-created account gets a new one), token_generation
-- goes up with every password change (tokens carry both), and credentials_changed_at is when the
-- account was created or its password last changed (tokens of an external identity provider
-- issued before it are refused). Existing accounts get a random id here; tokens issued before
-- this version carry no binding and stop working.
-- PostgreSQL (10+): md5 of random text serves as an opaque unique id; new accounts get a UUID.
ALTER TABLE camiso_account ADD COLUMN account_id VARCHAR(36);
UPDATE camiso_account SET account_id = md5(random()::text || clock_timestamp()::text || name);
ALTER TABLE camiso_account ALTER COLUMN account_id SET NOT NULL;
CREATE UNIQUE INDEX ux_camiso_account_id ON camiso_account (account_id);
ALTER TABLE camiso_account ADD COLUMN token_generation BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE camiso_account ADD COLUMN credentials_changed_at TIMESTAMP(6) WITH TIME ZONE;
UPDATE camiso_account SET credentials_changed_at = updated_at;
ALTER TABLE camiso_account ALTER COLUMN credentials_changed_at SET NOT NULL;
