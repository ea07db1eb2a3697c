-- Merchant access (issue 13, items 4-8; DESIGN §14): key rotation with overlap, IP allow-list, signature scheme,
-- the merchant-wide TOTP requirement, and merchant users. Every secret is stored sealed (AES-256-GCM under the
-- master key, see SecretBox) and every password as an Argon2id PHC string; nothing here is readable in clear.
ALTER TABLE merchant
    -- The key the newest one replaced, accepted until previous_valid_until (exclusive); NULL when there is none.
    ADD COLUMN previous_secret_enc  bytea,
    ADD COLUMN previous_valid_until timestamptz,
    -- False from a rotation until the merchant signs a request with the new key: callbacks use the previous key.
    ADD COLUMN newest_key_used      boolean     NOT NULL DEFAULT true,
    ADD COLUMN ip_allowlist         text[]      NOT NULL DEFAULT '{}',
    ADD COLUMN signature_scheme     varchar(16) NOT NULL DEFAULT 'MD5'
        CHECK (signature_scheme IN ('MD5', 'HMAC_SHA256')),
    ADD COLUMN totp_required        boolean     NOT NULL DEFAULT false,
    ADD CHECK ((previous_secret_enc IS NULL) = (previous_valid_until IS NULL));

CREATE TABLE merchant_user (
    id                   bigserial    PRIMARY KEY,
    merchant_id          bigint       NOT NULL REFERENCES merchant (id),
    -- Stored lower-case: emails are case-insensitive and unique across the platform (the portal logs in by email).
    email                varchar(254) NOT NULL UNIQUE CHECK (email = lower(email)),
    role                 varchar(16)  NOT NULL CHECK (role IN ('OWNER', 'DEVELOPER', 'VIEWER')),
    password_hash        text         NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    must_change_password boolean      NOT NULL DEFAULT true,
    totp_secret_enc      bytea,
    totp_pending_enc     bytea,
    -- The last TOTP time step accepted: a code is good once (RFC 6238 §5.2).
    totp_last_step       bigint       NOT NULL DEFAULT 0,
    failed_logins        integer      NOT NULL DEFAULT 0,
    login_blocked_until  timestamptz,
    created_at           timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX merchant_user_merchant ON merchant_user (merchant_id);
