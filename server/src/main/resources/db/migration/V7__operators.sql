-- Operators, their personal API tokens and four-eyes adjustment requests (DESIGN §14). Tokens are stored only as
-- the SHA-256 of a 256-bit random value; console passwords only as Argon2id PHC strings.
CREATE TABLE operator (
    id                 bigserial   PRIMARY KEY,
    email              text        NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
    role               text        NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'FINANCE', 'SUPPORT')),
    password_hash      text        NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    password_temporary boolean     NOT NULL DEFAULT true,
    created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE operator_token (
    id           bigserial   PRIMARY KEY,
    operator_id  bigint      NOT NULL REFERENCES operator (id),
    name         text        NOT NULL CHECK (name ~ '^[A-Za-z0-9._-]{1,64}$'),
    token_sha256 bytea       NOT NULL UNIQUE CHECK (length(token_sha256) = 32),
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
-- A name identifies one live token of an operator; revoked ones stay for the record.
CREATE UNIQUE INDEX operator_token_live_name ON operator_token (operator_id, name) WHERE revoked_at IS NULL;

CREATE TABLE adjustment_request (
    id           bigserial   PRIMARY KEY,
    merchant_id  bigint      NOT NULL REFERENCES merchant (id),
    amount       bigint      NOT NULL CHECK (amount <> 0),
    reason       text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('PENDING_APPROVAL', 'APPLIED', 'REJECTED')),
    requested_by text        NOT NULL,
    decided_by   text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    decided_at   timestamptz
);
CREATE INDEX adjustment_request_by_status ON adjustment_request (status, id);
