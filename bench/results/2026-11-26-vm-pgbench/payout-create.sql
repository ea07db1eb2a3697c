-- pgbench script of one OpenPayPro "payout-create" request: the SQL the gateway sent
-- for it, captured from PostgreSQL (log_statement = 'all') by org.openpaypro.bench.Bench on 2026-11-26;
-- 1 transaction(s), 7 statements including BEGIN/COMMIT. Request values are variables; ids come from -D (see
-- docs/PERFORMANCE.md). Run with: pgbench -n -M prepared -f <this> -D merchants=.. -D mbase=..
\set mi random(0, :merchants - 1)
\set mid :mbase + :mi * :mstep
\set acc_available :abase_available + :mi * :astep
\set acc_frozen :abase_frozen + :mi * :astep
\set acc_unsettled :abase_unsettled + :mi * :astep
\set tn random(1, 9223372036854775806)
\set ptn random(1, 9223372036854775806)
BEGIN;
SELECT balance FROM account WHERE merchant_id = CAST(:mid AS bigint) AND kind = 'AVAILABLE' FOR UPDATE;
INSERT INTO trade (platform_trade_no, merchant_id, trade_no, direction, country, currency, amount,
    amount_text, fee, message, notify_url, return_url, remark, details, channel, channel_ref, poll_at)
VALUES (CAST(:ptn AS character varying), CAST(:mid AS bigint), CAST(:tn AS character varying), CAST('PAYOUT' AS character varying), CAST('BR' AS bpchar), CAST('BRL' AS bpchar), CAST('10000' AS bigint), CAST('1.00' AS character varying), CAST('0' AS bigint), CAST('Processing' AS text), CAST('http://127.0.0.1:42717/notify' AS text), CAST(NULL AS text), CAST('bench' AS text), CAST(CAST('{"mobile":"+5511987654321","bankType":"CPF","identityType":"CPF","name":"Ana Souza","email":"ana@example.com","bankNumber":"12345678909","userIdentity":"12345678909"}' AS jsonb) AS jsonb), CAST('SIMULATOR' AS character varying), CAST('275781911886' AS text), CAST(NULL AS timestamp with time zone))
ON CONFLICT (merchant_id, trade_no) DO NOTHING
RETURNING *
\gset t_
UPDATE account SET balance = balance + CAST('-10000' AS bigint)
WHERE merchant_id = CAST(:mid AS bigint) AND kind = CAST('AVAILABLE' AS text) AND balance + CAST('-10000' AS bigint) >= 0
RETURNING id;
UPDATE account SET balance = balance + CAST('10000' AS bigint)
WHERE merchant_id = CAST(:mid AS bigint) AND kind = CAST('FROZEN' AS text) AND balance + CAST('10000' AS bigint) >= 0
RETURNING id;
WITH f AS (SELECT * FROM unnest(CAST(CAST(ARRAY[CAST(:t_id AS bigint)] AS bigint[]) AS bigint[]), CAST(CAST(ARRAY[CAST('10000' AS bigint)] AS bigint[]) AS bigint[]))
           AS f(trade_id, total)),
     j AS (INSERT INTO journal (kind, trade_id, merchant_id)
           SELECT 'PAYOUT_FREEZE', f.trade_id, CAST(:mid AS bigint) FROM f RETURNING id, trade_id)
INSERT INTO posting (journal_id, account_id, amount)
SELECT j.id, CAST(:acc_available AS bigint), -f.total FROM j JOIN f ON f.trade_id = j.trade_id
UNION ALL
SELECT j.id, CAST(:acc_frozen AS bigint), f.total FROM j JOIN f ON f.trade_id = j.trade_id;
COMMIT;
