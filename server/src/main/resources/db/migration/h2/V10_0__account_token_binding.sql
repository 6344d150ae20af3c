-- See ../V10_0__account_token_binding.sql; H2 has RANDOM_UUID() instead of md5/random.
ALTER TABLE camiso_account ADD COLUMN account_id VARCHAR(36);
UPDATE camiso_account SET account_id = CAST(RANDOM_UUID() AS VARCHAR(36));
ALTER TABLE camiso_account ALTER COLUMN account_id SET NOT NULL;
CREATE UNIQUE INDEX ux_camiso_account_id ON camiso_account (account_id);
ALTER TABLE camiso_account ADD COLUMN token_generation BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE camiso_account ADD COLUMN credentials_changed_at TIMESTAMP(6) WITH TIME ZONE;
UPDATE camiso_account SET credentials_changed_at = updated_at;
ALTER TABLE camiso_account ALTER COLUMN credentials_changed_at SET NOT NULL;
