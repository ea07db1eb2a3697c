-- pgbench script of one OpenPayPro "full-flow" request: the SQL the gateway sent
-- for it, captured from PostgreSQL (log_statement = 'all') by org.openpaypro.bench.Bench on 2026-12-03;
-- 7 transaction(s), 10 statements including BEGIN/COMMIT. Request values are variables; ids come from -D (see
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
FROM unnest(CAST(CAST(ARRAY[CAST(:mid AS bigint)] AS bigint[]) AS bigint[]), CAST(CAST(ARRAY[CAST(lpad(CAST(:sgn AS text), 32, '0') AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST('1796313088245' AS bigint)] AS bigint[]) AS bigint[]))
    AS u (merchant, sign, expires), async
ON CONFLICT (merchant_id, sign) DO UPDATE SET expires_at = excluded.expires_at
WHERE seen_sign.expires_at < now()
RETURNING merchant_id || ':' || encode(sign, 'hex');
INSERT INTO trade (platform_trade_no, merchant_id, trade_no, direction, country, currency,
    amount, amount_text, fee, message, notify_url, return_url, remark, details, channel,
    channel_ref, poll_at)
SELECT pn, m, tn, d, c, cur, a, at, f, CAST('Paying' AS text), nu, ru, r, CAST(det AS jsonb), ch, cr,
    to_timestamp(pa / 1000.0)
FROM unnest(CAST(CAST(ARRAY[CAST(:ptn AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST(:mid AS bigint)] AS bigint[]) AS bigint[]), CAST(CAST(ARRAY[CAST(:tn AS text)] AS text[]) AS text[]),
    CAST(CAST(ARRAY[CAST('PAYIN' AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST('BR' AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST('BRL' AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST('100000' AS bigint)] AS bigint[]) AS bigint[]),
    CAST(CAST(ARRAY[CAST('10.00' AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST('0' AS bigint)] AS bigint[]) AS bigint[]), CAST(CAST(ARRAY[CAST('http://127.0.0.1:45131/notify' AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST(NULL AS text)] AS text[]) AS text[]),
    CAST(CAST(ARRAY[CAST('bench' AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST('{"name":"Ana Souza","userIdentity":"12345678909","identityType":"CPF"}' AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST('simulator' AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST(NULL AS text)] AS text[]) AS text[]),
    CAST(CAST(ARRAY[CAST(NULL AS bigint)] AS bigint[]) AS bigint[]))
    AS t (pn, m, tn, d, c, cur, a, at, f, nu, ru, r, det, ch, cr, pa)
ON CONFLICT (merchant_id, trade_no) DO NOTHING
RETURNING id, platform_trade_no, created_at
\gset t_
WITH input AS MATERIALIZED (
    SELECT * FROM unnest(CAST(CAST(ARRAY[CAST(:t_id AS bigint)] AS bigint[]) AS bigint[]), CAST(CAST(ARRAY[CAST('simulator' AS text)] AS text[]) AS text[]),
        CAST(CAST(ARRAY[CAST('{"name":"Ana Souza","qrCode":"00020101021226480014br.gov.bcb.pix0126pix@sandbox.openpaypro.org520400005303986540510.005802BR5908BENCH 506009SAO PAULO62200516s4hu633tydbidbx963048D4B","paymentUrl":"http://localhost:38683/cashier/s4hu633tydbidbx9","userIdentity":"12345678909","identityType":"CPF"}' AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST('SS4HU633TY' AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST('1796312488253' AS bigint)] AS bigint[]) AS bigint[]))
        AS i (id, channel, details, ref, poll)),
attempt AS (
    INSERT INTO channel_attempt (trade_id, operation, channel, outcome, channel_ref)
    SELECT id, 'PAYIN', channel, 'ACCEPTED', ref FROM input)
UPDATE trade SET channel = input.channel, details = CAST(input.details AS jsonb),
    channel_ref = input.ref, poll_at = to_timestamp(input.poll / 1000.0)
FROM input
WHERE trade.id = input.id AND trade.status = '0015'
RETURNING trade.id;
SELECT * FROM trade WHERE platform_trade_no = CAST(:ptn AS text);
BEGIN;
WITH t AS (UPDATE trade SET status = CAST('0000' AS character varying), message = CAST('SUCCESS' AS text), paid_amount = CAST('100000' AS bigint),
               finished_at = now(), settle_amount = CAST('100000' AS bigint), settle_at = CAST('2026-12-04 03:00:00+00' AS timestamp with time zone),
               poll_at = NULL, channel_ref = coalesce(CAST(NULL AS text), channel_ref)
           WHERE id = CAST(:t_id AS bigint) AND status = '0015' AND channel = CAST('simulator' AS text)
           RETURNING *),
     n AS (INSERT INTO notification (trade_id, next_attempt_at, request_id)
           SELECT id, now(), CAST('b879fcd4fb1f1924c0f14d97611e7902' AS character varying) FROM t),
ledger_x AS (SELECT x.* FROM unnest(CAST(CAST(ARRAY[CAST(:plat_channel_clearing_simulator_brl AS bigint), CAST('0' AS bigint), CAST(:plat_fees_brl AS bigint)] AS bigint[]) AS bigint[]), CAST(CAST(ARRAY[CAST('' AS text), CAST('UNSETTLED' AS text), CAST('' AS text)] AS text[]) AS text[]),
                 CAST(CAST(ARRAY[CAST('-100000' AS bigint), CAST('100000' AS bigint), CAST('0' AS bigint)] AS bigint[]) AS bigint[])) WITH ORDINALITY AS x(account_id, kind, amount, ord)
             WHERE EXISTS (SELECT 1 FROM t)),
     ledger_l AS MATERIALIZED (SELECT id, kind FROM account
                               WHERE merchant_id = CAST(:mid AS bigint)
                                 AND kind IN (SELECT kind FROM ledger_x)
                               ORDER BY kind <> 'AVAILABLE', kind
                               FOR UPDATE),
     ledger_m AS (UPDATE account a SET balance = a.balance + ledger_x.amount
                  FROM ledger_l JOIN ledger_x ON ledger_x.kind = ledger_l.kind
                  WHERE a.id = ledger_l.id
                  RETURNING a.id, a.kind),
     ledger_j AS (INSERT INTO journal (kind, trade_id, merchant_id)
                  SELECT CAST(CAST('PAYIN_SUCCESS' AS text) AS text), t.id, CAST(:mid AS bigint) FROM t
                  WHERE EXISTS (SELECT 1 FROM ledger_x)
                  RETURNING id),
     ledger_p AS (INSERT INTO posting (journal_id, account_id, amount)
                  SELECT ledger_j.id, coalesce(ledger_m.id, ledger_x.account_id), ledger_x.amount
                  FROM ledger_j CROSS JOIN ledger_x
                      LEFT JOIN ledger_m ON ledger_m.kind = ledger_x.kind AND ledger_x.kind != ''
                  WHERE ledger_x.amount != 0 ORDER BY ledger_x.ord)
SELECT * FROM t;
SELECT max(id) AS id FROM notification WHERE trade_id = :t_id
\gset n_
INSERT INTO audit_entry (actor, address, action, target, summary) VALUES (CAST('bootstrap' AS text), CAST('127.0.0.1' AS text), CAST('trade.complete' AS text), CAST(:ptn AS text), CAST('status=0000' AS text));
COMMIT;
UPDATE notification n
SET attempts = n.attempts + 1, next_attempt_at = now() + CAST('30000' AS double precision) * interval '1 ms'
FROM trade s
WHERE s.id = n.trade_id
  AND n.id IN (SELECT id FROM notification WHERE status = 'PENDING' AND next_attempt_at <= now()
               ORDER BY next_attempt_at LIMIT CAST('31' AS bigint) FOR UPDATE SKIP LOCKED)
RETURNING n.id AS notification_id, n.attempts AS notification_attempt, s.*;
WITH i AS MATERIALIZED (
         SELECT * FROM unnest(CAST(CAST(ARRAY[CAST(:n_id AS bigint)] AS bigint[]) AS bigint[]), CAST(CAST(ARRAY[CAST('1' AS integer)] AS integer[]) AS int[]),
             CAST(CAST(ARRAY[CAST('2026-12-03T15:31:28.262224817Z' AS timestamp with time zone)] AS timestamp with time zone[]) AS timestamptz[]), CAST(CAST(ARRAY[CAST('http://127.0.0.1:45131/notify' AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST('200' AS integer)] AS integer[]) AS int[]),
             CAST(CAST(ARRAY[CAST('2' AS integer)] AS integer[]) AS int[]), CAST(CAST(ARRAY[CAST('OK' AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST(NULL AS text)] AS text[]) AS text[]),
             CAST(CAST(ARRAY[CAST('8910d8a9116ba6dd3f9393170dcdebce' AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST('DELIVERED' AS text)] AS text[]) AS text[]),
             CAST(CAST(ARRAY[CAST(NULL AS timestamp with time zone)] AS timestamp with time zone[]) AS timestamptz[]))
             AS i (id, attempt, started_at, url, http_status, latency_ms, head, error,
                   request_id, status, next_at)),
     a AS (INSERT INTO notify_attempt (notification_id, attempt_no, started_at, url,
               http_status, latency_ms, response_head, error, delivered, request_id)
           SELECT id, attempt, started_at, url, http_status, latency_ms, head, error,
               status = 'DELIVERED', request_id FROM i
           ON CONFLICT (notification_id, attempt_no) DO NOTHING)
UPDATE notification n SET status = i.status, next_attempt_at = i.next_at,
    finished_at = CASE WHEN i.status = 'PENDING' THEN NULL ELSE now() END
FROM i
WHERE n.id = i.id AND n.attempts = i.attempt AND n.status = 'PENDING'
RETURNING n.id;
