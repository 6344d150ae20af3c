-- The row of rule_hash 0 in camiso_suricata_sid (V17) is no rule (a rule's hash is never 0, sid 0
-- is outside the range): every transaction that adds sids first updates it, so that server
-- processes sharing the database add one after the other and each finds the other's rows
-- committed (adding at once, each could wait for the other's new rows). Portable SQL.
INSERT INTO camiso_suricata_sid (rule_hash, sid) VALUES (0, 0);
