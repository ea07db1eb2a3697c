-- pgbench script of one OpenPayPro "payout-create" request: the SQL the gateway sent
-- for it, captured from PostgreSQL (log_statement = 'all') by org.openpaypro.bench.Bench on 2026-12-03;
-- 4 transaction(s), 7 statements including BEGIN/COMMIT. Request values are variables; ids come from -D (see
-- docs/PERFORMANCE.md). Run with: pgbench -n -M prepared -f <this> -D merchants=.. -D mbase=..
\set mi random(0, :merchants - 1)
\set mid :mbase + :mi * :mstep
\set acc_available :abase_available + :mi * :astep
\set acc_frozen :abase_frozen + :mi * :astep
\set acc_unsettled :abase_unsettled + :mi * :astep
\set tn random(1, 9223372036854775806)
\set ptn random(1, 9223372036854775806)
\set sgn random(1000000000000000, 9999999999999999)
WITH async AS MATERIALIZED (SELECT set_config('synchronous_commit', 'off', true))
INSERT INTO seen_sign (merchant_id, sign, expires_at)
SELECT u.merchant, decode(u.sign, 'hex'), to_timestamp(u.expires / 1000.0)
FROM unnest(CAST(CAST(ARRAY[CAST(:mid AS bigint)] AS bigint[]) AS bigint[]), CAST(CAST(ARRAY[CAST(lpad(CAST(:sgn AS text), 32, '0') AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST('1796313082068' AS bigint)] AS bigint[]) AS bigint[]))
    AS u (merchant, sign, expires), async
ON CONFLICT (merchant_id, sign) DO UPDATE SET expires_at = excluded.expires_at
WHERE seen_sign.expires_at < now()
RETURNING merchant_id || ':' || encode(sign, 'hex');
BEGIN;
WITH ledger_lock AS MATERIALIZED (SELECT merchant_id, balance FROM account
                             WHERE merchant_id = ANY(CAST(CAST(ARRAY[CAST(:mid AS bigint)] AS bigint[]) AS bigint[]))
                               AND kind = 'AVAILABLE'
                             ORDER BY merchant_id
                             FOR UPDATE),
     ledger_locked AS MATERIALIZED (SELECT array_agg(merchant_id) AS merchants FROM ledger_lock)
INSERT INTO trade (platform_trade_no, merchant_id, trade_no, direction, country, currency,
    amount, amount_text, fee, message, notify_url, return_url, remark, details, channel,
    channel_ref, poll_at)
SELECT pn, m, tn, d, c, cur, a, at, f, CAST('Processing' AS text), nu, ru, r, CAST(det AS jsonb), ch, cr,
    to_timestamp(pa / 1000.0)
FROM unnest(CAST(CAST(ARRAY[CAST(:ptn AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST(:mid AS bigint)] AS bigint[]) AS bigint[]), CAST(CAST(ARRAY[CAST(:tn AS text)] AS text[]) AS text[]),
    CAST(CAST(ARRAY[CAST('PAYOUT' AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST('BR' AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST('BRL' AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST('10000' AS bigint)] AS bigint[]) AS bigint[]),
    CAST(CAST(ARRAY[CAST('1.00' AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST('0' AS bigint)] AS bigint[]) AS bigint[]), CAST(CAST(ARRAY[CAST('http://127.0.0.1:45131/notify' AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST(NULL AS text)] AS text[]) AS text[]),
    CAST(CAST(ARRAY[CAST('bench' AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST('{"bankType":"CPF","mobile":"+5511987654321","userIdentity":"12345678909","bankNumber":"12345678909","email":"ana@example.com","name":"Ana Souza","identityType":"CPF"}' AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST('simulator' AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST(NULL AS text)] AS text[]) AS text[]),
    CAST(CAST(ARRAY[CAST(NULL AS bigint)] AS bigint[]) AS bigint[]))
    AS t (pn, m, tn, d, c, cur, a, at, f, nu, ru, r, det, ch, cr, pa) JOIN ledger_locked ON t.m = ANY(ledger_locked.merchants)
ON CONFLICT (merchant_id, trade_no) DO NOTHING
RETURNING id, platform_trade_no, created_at,
    (SELECT balance FROM ledger_lock WHERE ledger_lock.merchant_id = trade.merchant_id) AS available
\gset t_
WITH ledger_f AS (SELECT * FROM unnest(CAST(CAST(ARRAY[CAST(:t_id AS bigint)] AS bigint[]) AS bigint[]),
                 CAST(CAST(ARRAY[CAST(:mid AS bigint)] AS bigint[]) AS bigint[]), CAST(CAST(ARRAY[CAST('10000' AS bigint)] AS bigint[]) AS bigint[]))
                 AS f(trade_id, merchant_id, total)),
     ledger_s AS (SELECT merchant_id, CAST(sum(total) AS bigint) AS total FROM ledger_f
                  GROUP BY merchant_id),
     ledger_a AS (UPDATE account
                  SET balance = account.balance + CASE account.kind
                      WHEN 'AVAILABLE' THEN -ledger_s.total ELSE ledger_s.total END
                  FROM ledger_s
                  WHERE account.merchant_id = ledger_s.merchant_id
                    AND account.kind IN ('AVAILABLE', 'FROZEN')
                    AND (account.kind = 'FROZEN' OR account.balance >= ledger_s.total)
                  RETURNING account.id, account.kind, account.merchant_id),
     ledger_fj AS (INSERT INTO journal (kind, trade_id, merchant_id)
                   SELECT 'PAYOUT_FREEZE', ledger_f.trade_id, ledger_f.merchant_id FROM ledger_f
                   RETURNING id, trade_id),
     ledger_fp AS (INSERT INTO posting (journal_id, account_id, amount)
                   SELECT ledger_fj.id, ledger_a.id,
                       CASE ledger_a.kind WHEN 'AVAILABLE' THEN -ledger_f.total ELSE ledger_f.total END
                   FROM ledger_fj JOIN ledger_f ON ledger_f.trade_id = ledger_fj.trade_id
                       JOIN ledger_a ON ledger_a.merchant_id = ledger_f.merchant_id),
     queue_rows AS (INSERT INTO payout_submission (trade_id, platform_trade_no, merchant_id,
                   country, idempotency_key, request, channel)
               SELECT t.id, t.platform_trade_no, t.merchant_id, t.country, q.key,
                      CAST(q.request AS jsonb), q.channel
               FROM unnest(CAST(CAST(ARRAY[CAST(:t_id AS bigint)] AS bigint[]) AS bigint[]), CAST(CAST(ARRAY[CAST('oppu11v93a93ixo0kea' AS text)] AS text[]) AS text[]),
                           CAST(CAST(ARRAY[CAST('{"platformTradeNo":"u11v93a93ixo0kea","idempotencyKey":"oppu11v93a93ixo0kea","country":"BR","currency":"BRL","amount":"1","remark":"bench","details":{"bankType":"CPF","mobile":"+5511987654321","userIdentity":"12345678909","bankNumber":"12345678909","email":"ana@example.com","name":"Ana Souza","identityType":"CPF"}}' AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST('simulator' AS text)] AS text[]) AS text[]))
                   AS q(trade_id, key, request, channel)
               JOIN trade t ON t.id = q.trade_id),
     gone AS (DELETE FROM trade WHERE id = ANY(CAST(CAST('{}' AS bigint[]) AS bigint[])))
SELECT(SELECT count(*) FROM ledger_a);
COMMIT;
UPDATE trade SET channel = coalesce(CAST(NULL AS character varying), channel),
    channel_ref = coalesce(CAST('000499643292' AS text), channel_ref), poll_at = coalesce(CAST('2026-12-03 15:32:22.192331+00' AS timestamp with time zone), poll_at)
WHERE platform_trade_no = CAST(:ptn AS text) AND status = '0015';
WITH s AS (UPDATE payout_submission SET state = CAST('SUBMITTED' AS character varying), lease_until = NULL, updated_at = now()
           WHERE trade_id = CAST(:t_id AS bigint) AND state = 'SENDING')
INSERT INTO channel_attempt (trade_id, operation, channel, outcome, reason, channel_ref)
VALUES (CAST(:t_id AS bigint), 'PAYOUT', CAST('simulator' AS character varying), CAST('ACCEPTED' AS character varying), CAST(NULL AS text), CAST('000499643292' AS text));
