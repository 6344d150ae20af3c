-- Secrets every server on this database shares, created on first use by the server itself, e.g.
-- the key that authenticates TAXII next tokens (so a token works on any instance and after a
-- restart). Values are base64url text.
CREATE TABLE camiso_secret (
    name       VARCHAR(100) NOT NULL PRIMARY KEY,
    secret     VARCHAR(200) NOT NULL,
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
