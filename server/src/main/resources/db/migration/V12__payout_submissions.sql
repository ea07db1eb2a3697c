-- The durable payout submission queue (DESIGN §13): one row per accepted payout, written in the transaction that
-- stores and freezes it, worked by a submitter on any node (SKIP LOCKED + lease). The request is kept as the rail
-- will see it, with the idempotency key derived from platform_trade_no, so every attempt sends the same thing.
CREATE TABLE payout_submission (
    trade_id          bigint      PRIMARY KEY REFERENCES trade (id),
    platform_trade_no varchar(32) NOT NULL UNIQUE,
    merchant_id       bigint      NOT NULL,
    country           char(2)     NOT NULL,
    idempotency_key   varchar(64) NOT NULL,
    request           jsonb       NOT NULL,
    channel           varchar(32) NOT NULL,
    tried             text[]      NOT NULL DEFAULT '{}',
    state             varchar(10) NOT NULL DEFAULT 'QUEUED'
        CHECK (state IN ('QUEUED', 'SENDING', 'SUBMITTED', 'UNKNOWN', 'REFUSED', 'DONE')),
    sends             int         NOT NULL DEFAULT 0,
    lease_until       timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payout_submission_open ON payout_submission (created_at) WHERE state IN ('QUEUED', 'SENDING', 'UNKNOWN');

-- Every call that asked a rail to create something (pay-in instructions, payout submission) and what it answered.
CREATE TABLE channel_attempt (
    id         bigserial   PRIMARY KEY,
    trade_id   bigint      NOT NULL REFERENCES trade (id),
    operation  varchar(8)  NOT NULL CHECK (operation IN ('PAYIN', 'PAYOUT')),
    channel    varchar(32) NOT NULL,
    at         timestamptz NOT NULL DEFAULT now(),
    outcome    varchar(10) NOT NULL CHECK (outcome IN ('ACCEPTED', 'REFUSED', 'UNKNOWN')),
    reason     text,
    channel_ref text
);
CREATE INDEX channel_attempt_trade ON channel_attempt (trade_id, id);

-- Webhooks that name only the rail's reference find the trade by channel and reference.
CREATE INDEX trade_channel_and_ref ON trade (channel, channel_ref) WHERE channel_ref IS NOT NULL;
