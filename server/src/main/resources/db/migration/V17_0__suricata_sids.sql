-- The sid of every Suricata rule the feeds have written (feeds.SuricataSids), server-wide, so that
-- a rule keeps its sid from poll to poll, after a restart and in every collection or feed set that
-- holds it, and no two rules share one. A rule is the first 8 bytes of SHA-256 of its indicator id,
-- a line end and its key; sid is in the local range 1,000,000-1,999,999. Rows are never deleted:
-- a sid once given is never given to another rule. Portable SQL: H2 2.x and PostgreSQL 10+.
CREATE TABLE camiso_suricata_sid (
    rule_hash BIGINT  NOT NULL PRIMARY KEY,
    sid       INTEGER NOT NULL,
    CONSTRAINT uq_camiso_suricata_sid UNIQUE (sid)
);
-- The row of rule_hash 0 is no rule (a rule's hash is never 0, its sid 0 is outside the range):
-- every transaction that adds sids first updates it, so that server processes sharing the
-- database add one after the other and each finds the other's rows committed (adding at once,
-- each could wait for the other's new rows).
INSERT INTO camiso_suricata_sid (rule_hash, sid) VALUES (0, 0);
