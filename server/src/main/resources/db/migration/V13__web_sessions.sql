-- Web sessions of the merchant portal and the operator console (issue 14, DESIGN §15). The browser holds a random
-- 256-bit token; only its SHA-256 is stored. A session belongs to exactly one merchant user (portal) or one
-- operator (console) and disappears with them.
CREATE TABLE web_session (
    token_sha256     bytea       PRIMARY KEY CHECK (length(token_sha256) = 32),
    area             text        NOT NULL CHECK (area IN ('PORTAL', 'CONSOLE')),
    merchant_user_id bigint      REFERENCES merchant_user (id) ON DELETE CASCADE,
    operator_id      bigint      REFERENCES operator (id) ON DELETE CASCADE,
    created_at       timestamptz NOT NULL,
    last_seen_at     timestamptz NOT NULL,
    CHECK ((area = 'PORTAL') = (merchant_user_id IS NOT NULL)),
    CHECK ((area = 'CONSOLE') = (operator_id IS NOT NULL))
);
CREATE INDEX web_session_merchant_user ON web_session (merchant_user_id) WHERE merchant_user_id IS NOT NULL;
CREATE INDEX web_session_operator ON web_session (operator_id) WHERE operator_id IS NOT NULL;
CREATE INDEX web_session_last_seen ON web_session (last_seen_at);
