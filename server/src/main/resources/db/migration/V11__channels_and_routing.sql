-- Channels (configured connector instances) and routing (DESIGN §13). Credentials are sealed with the master key
-- (AES-GCM, like merchant secrets); only their names are kept in clear, so an answer can say which are set.
CREATE TABLE channel (
    name             varchar(32) PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9_-]{0,31}$'),
    type             varchar(32) NOT NULL,
    countries        text[]      NOT NULL,
    operations       text[]      NOT NULL,
    config           jsonb       NOT NULL DEFAULT '{}',
    credentials      bytea,
    credential_names text[]      NOT NULL DEFAULT '{}',
    webhook_token    varchar(64) NOT NULL UNIQUE CHECK (webhook_token ~ '^[A-Za-z0-9_-]{16,64}$'),
    status           varchar(8)  NOT NULL DEFAULT 'ENABLED' CHECK (status IN ('ENABLED', 'DISABLED')),
    version          bigint      NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    last_success_at  timestamptz,
    last_error_at    timestamptz,
    last_error       text,
    error_count      bigint      NOT NULL DEFAULT 0
);

-- One row per channel of a route: a country's route (country set) or a merchant's override (merchant_id set).
CREATE TABLE channel_route (
    id          bigserial   PRIMARY KEY,
    country     char(2),
    merchant_id bigint      REFERENCES merchant (id),
    operation   varchar(8)  NOT NULL CHECK (operation IN ('PAYIN', 'PAYOUT')),
    position    int         NOT NULL CHECK (position >= 0),
    channel     varchar(32) NOT NULL REFERENCES channel (name),
    weight      int         NOT NULL CHECK (weight BETWEEN 0 AND 1000000),
    CHECK ((country IS NULL) <> (merchant_id IS NULL))
);
CREATE UNIQUE INDEX channel_route_slot ON channel_route (coalesce(country, ''), coalesce(merchant_id, 0), operation,
    position);

-- The built-in sandbox channel was called SIMULATOR before channels were configured; it is now the channel named
-- simulator (of type SIMULATOR), so trades still processing find it again.
UPDATE trade SET channel = 'simulator' WHERE channel = 'SIMULATOR';
UPDATE account SET channel = 'simulator' WHERE channel = 'SIMULATOR';
