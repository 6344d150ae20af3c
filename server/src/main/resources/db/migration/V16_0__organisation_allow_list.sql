-- An organisation's own networks and domains (its gateway, mail server, web site), which no feed
-- gives to that organisation's accounts. Seeded from server.feeds.organisation_allow_lists, then
-- kept through the admin API and the CLI; a change moves camiso_network_version like every other
-- network change. Entries are stored in canonical form (CIDR as its block, domain lowercase).
-- Portable SQL: H2 2.x and PostgreSQL 10+.
CREATE TABLE camiso_organisation_allow (
    organisation VARCHAR(100) NOT NULL REFERENCES camiso_organisation (name) ON DELETE CASCADE,
    entry        VARCHAR(300) NOT NULL,
    CONSTRAINT camiso_organisation_allow_pk PRIMARY KEY (organisation, entry)
);
