-- OpenPayPro schema. Never edit a migration once it has landed: add a new one.
-- Amounts are bigint in units of 1/10,000 of the currency (scale 4); fee rates in parts per million.

CREATE TABLE merchant (
    id                  bigserial PRIMARY KEY,
    merchant_no         varchar(10)  NOT NULL UNIQUE CHECK (merchant_no ~ '^[0-9]{10}$'),
    name                text         NOT NULL CHECK (length(name) BETWEEN 1 AND 128),
    country             char(2)      NOT NULL,
    currency            char(3)      NOT NULL,
    notify_url          text,
    secret_enc          bytea        NOT NULL,
    payin_fee_rate_ppm  bigint       NOT NULL DEFAULT 0 CHECK (payin_fee_rate_ppm BETWEEN 0 AND 1000000),
    payin_fee_fixed     bigint       NOT NULL DEFAULT 0 CHECK (payin_fee_fixed >= 0),
    payout_fee_rate_ppm bigint       NOT NULL DEFAULT 0 CHECK (payout_fee_rate_ppm BETWEEN 0 AND 1000000),
    payout_fee_fixed    bigint       NOT NULL DEFAULT 0 CHECK (payout_fee_fixed >= 0),
    status              varchar(16)  NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DISABLED')),
    created_at          timestamptz  NOT NULL DEFAULT now()
);

-- Merchant accounts keep a stored balance (checked >= 0, changed by conditional updates in the same
-- transaction as their postings). Platform accounts (FEES, CHANNEL_CLEARING, ADJUSTMENTS) would be hot rows
-- touched by every trade, so their balance is the sum of their postings and the column stays 0.
CREATE TABLE account (
    id          bigserial PRIMARY KEY,
    merchant_id bigint      REFERENCES merchant (id),
    kind        varchar(24) NOT NULL CHECK (kind IN ('AVAILABLE', 'FROZEN', 'UNSETTLED',
                                                     'FEES', 'CHANNEL_CLEARING', 'ADJUSTMENTS')),
    channel     varchar(32) NOT NULL DEFAULT '',
    currency    char(3)     NOT NULL,
    balance     bigint      NOT NULL DEFAULT 0,
    CHECK ((merchant_id IS NOT NULL) = (kind IN ('AVAILABLE', 'FROZEN', 'UNSETTLED'))),
    CHECK (merchant_id IS NULL OR balance >= 0),
    CHECK (merchant_id IS NOT NULL OR balance = 0)
);
CREATE UNIQUE INDEX account_merchant_kind ON account (merchant_id, kind) WHERE merchant_id IS NOT NULL;
CREATE UNIQUE INDEX account_platform ON account (kind, channel, currency) WHERE merchant_id IS NULL;

CREATE TABLE trade (
    id                bigserial PRIMARY KEY,
    platform_trade_no varchar(32)  NOT NULL UNIQUE,
    merchant_id       bigint       NOT NULL REFERENCES merchant (id),
    trade_no          varchar(64)  NOT NULL,
    direction         varchar(8)   NOT NULL CHECK (direction IN ('PAYIN', 'PAYOUT')),
    country           char(2)      NOT NULL,
    currency          char(3)      NOT NULL,
    amount            bigint       NOT NULL CHECK (amount > 0),
    amount_text       varchar(40)  NOT NULL,
    fee               bigint       NOT NULL CHECK (fee >= 0),
    paid_amount       bigint       CHECK (paid_amount > 0),
    status            varchar(8)   NOT NULL DEFAULT '0015' CHECK (status IN ('0015', '0000', '0001', '00029')),
    message           text         NOT NULL,
    notify_url        text         NOT NULL,
    return_url        text,
    remark            text,
    details           jsonb        NOT NULL DEFAULT '{}',
    channel           varchar(32)  NOT NULL,
    channel_ref       text,
    poll_at           timestamptz,
    created_at        timestamptz  NOT NULL DEFAULT now(),
    finished_at       timestamptz,
    settle_amount     bigint,
    settle_at         timestamptz,
    settled_at        timestamptz,
    UNIQUE (merchant_id, trade_no),
    CHECK ((status = '0015') = (finished_at IS NULL))
);
CREATE INDEX trade_poll_due ON trade (poll_at) WHERE status = '0015';
CREATE INDEX trade_settle_due ON trade (settle_at) WHERE settled_at IS NULL AND settle_at IS NOT NULL;

CREATE TABLE journal (
    id          bigserial PRIMARY KEY,
    kind        varchar(24) NOT NULL CHECK (kind IN ('PAYIN_SUCCESS', 'PAYOUT_FREEZE', 'PAYOUT_SUCCESS',
                                                     'PAYOUT_FAILURE', 'SETTLEMENT', 'ADJUSTMENT')),
    trade_id    bigint      REFERENCES trade (id),
    merchant_id bigint      REFERENCES merchant (id),
    reason      text,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX journal_trade ON journal (trade_id) WHERE trade_id IS NOT NULL;
-- One movement of each kind per trade: a repeated channel event can never post twice.
CREATE UNIQUE INDEX journal_trade_kind ON journal (trade_id, kind) WHERE trade_id IS NOT NULL;

CREATE TABLE posting (
    id         bigserial PRIMARY KEY,
    journal_id bigint NOT NULL REFERENCES journal (id),
    account_id bigint NOT NULL REFERENCES account (id),
    amount     bigint NOT NULL CHECK (amount <> 0)
);
CREATE INDEX posting_journal ON posting (journal_id);
CREATE INDEX posting_account ON posting (account_id);

CREATE TABLE notification (
    id              bigserial PRIMARY KEY,
    trade_id        bigint       NOT NULL REFERENCES trade (id),
    status          varchar(12)  NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'EXHAUSTED')),
    attempts        int          NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    finished_at     timestamptz
);
CREATE INDEX notification_due ON notification (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notification_trade ON notification (trade_id);

CREATE TABLE notify_attempt (
    id              bigserial PRIMARY KEY,
    notification_id bigint      NOT NULL REFERENCES notification (id),
    attempt_no      int         NOT NULL,
    started_at      timestamptz NOT NULL,
    url             text        NOT NULL,
    http_status     int,
    latency_ms      int         NOT NULL,
    response_head   text,
    error           text,
    delivered       boolean     NOT NULL,
    UNIQUE (notification_id, attempt_no)
);
