-- The sharing network (issue 4): organisations, initiatives with member organisations and their
-- TLP clearance, the named accounts of TLP:RED collections, and a version counter that every
-- change increments so that each server instance notices a change with one cheap query.
-- Portable SQL: H2 2.x and PostgreSQL 10+.
CREATE TABLE camiso_organisation (
    name        VARCHAR(100) NOT NULL PRIMARY KEY,
    title       VARCHAR(400) NOT NULL,
    role        VARCHAR(20)  NOT NULL,
    identity_id VARCHAR(60)
);

CREATE TABLE camiso_initiative (
    name         VARCHAR(100) NOT NULL PRIMARY KEY,
    title        VARCHAR(400) NOT NULL,
    organisation VARCHAR(100) NOT NULL REFERENCES camiso_organisation (name)
);

CREATE TABLE camiso_initiative_member (
    initiative   VARCHAR(100) NOT NULL REFERENCES camiso_initiative (name) ON DELETE CASCADE,
    organisation VARCHAR(100) NOT NULL REFERENCES camiso_organisation (name) ON DELETE CASCADE,
    clearance    VARCHAR(20)  NOT NULL,
    CONSTRAINT camiso_initiative_member_pk PRIMARY KEY (initiative, organisation)
);

-- A deleted account loses its RED access for good: a new account of the same name starts without it.
CREATE TABLE camiso_red_account (
    collection_id VARCHAR(100) NOT NULL,
    account_name  VARCHAR(100) NOT NULL REFERENCES camiso_account (name) ON DELETE CASCADE,
    CONSTRAINT camiso_red_account_pk PRIMARY KEY (collection_id, account_name)
);

CREATE TABLE camiso_network_version (
    id      INTEGER NOT NULL PRIMARY KEY,
    version BIGINT  NOT NULL
);

INSERT INTO camiso_network_version (id, version) VALUES (1, 0);
