-- Signatures already used, per merchant, while the timestamp window could still accept them (issue 10, security 6):
-- a second request carrying the same sign is refused on every node and after restarts. One narrow row per signed
-- request (16-byte MD5, no foreign key to keep the insert on the request path cheap); rows whose window has passed
-- are deleted by a periodic job, through the index on expires_at.
CREATE TABLE seen_sign (
    merchant_id bigint      NOT NULL,
    sign        bytea       NOT NULL CHECK (length(sign) = 16),
    expires_at  timestamptz NOT NULL,
    PRIMARY KEY (merchant_id, sign)
) WITH (fillfactor = 90);

CREATE INDEX seen_sign_expiry ON seen_sign (expires_at);
