-- CHECKED-IN COPY, used only when bench/run cannot capture the statements itself (e.g. OPENPAYPRO_DB_URL with
-- a log directory the driver cannot read). Copied from bench/results/2026-11-26-vm-pgbench/ after the full run of
-- docs/PERFORMANCE.md; regenerate by copying bench/results/<date>-<host>-pgbench/*.sql here after a run.
-- pgbench script of one OpenPayPro "full-flow" request: the SQL the gateway sent
-- for it, captured from PostgreSQL (log_statement = 'all') by org.openpaypro.bench.Bench on 2026-11-26;
-- 9 transaction(s), 20 statements including BEGIN/COMMIT. Request values are variables; ids come from -D (see
-- docs/PERFORMANCE.md). Run with: pgbench -n -M prepared -f <this> -D merchants=.. -D mbase=..
\set mi random(0, :merchants - 1)
\set mid :mbase + :mi * :mstep
\set acc_available :abase_available + :mi * :astep
\set acc_frozen :abase_frozen + :mi * :astep
\set acc_unsettled :abase_unsettled + :mi * :astep
\set tn random(1, 9223372036854775806)
\set ptn random(1, 9223372036854775806)
INSERT INTO trade (platform_trade_no, merchant_id, trade_no, direction, country, currency, amount,
    amount_text, fee, message, notify_url, return_url, remark, details, channel, channel_ref, poll_at)
VALUES (CAST(:ptn AS character varying), CAST(:mid AS bigint), CAST(:tn AS character varying), CAST('PAYIN' AS character varying), CAST('BR' AS bpchar), CAST('BRL' AS bpchar), CAST('100000' AS bigint),
    CAST('10.00' AS character varying), CAST('0' AS bigint), CAST('Paying' AS text), CAST('http://127.0.0.1:44951/notify' AS text), CAST(NULL AS text), CAST('bench' AS text), CAST(CAST('{"name":"Ana Souza","identityType":"CPF","userIdentity":"12345678909","paymentUrl":"http://localhost:46705/cashier/bcbze6m9snzl1qa1","qrCode":"00020101021226480014br.gov.bcb.pix0126pix@sandbox.openpaypro.org520400005303986540510.005802BR5908BENCH 506009SAO PAULO62200516bcbze6m9snzl1qa163040828"}' AS jsonb) AS jsonb),
    CAST('SIMULATOR' AS character varying), CAST('SBCBZE6M9S' AS text), CAST(NULL AS timestamp with time zone))
ON CONFLICT (merchant_id, trade_no) DO NOTHING
RETURNING *
\gset t_
SELECT * FROM trade WHERE platform_trade_no = CAST(:ptn AS text);
BEGIN;
SELECT * FROM trade WHERE platform_trade_no = CAST(:ptn AS text);
UPDATE trade SET status = CAST('0000' AS character varying), message = CAST('SUCCESS' AS text), paid_amount = CAST('100000' AS bigint), finished_at = now(),
    settle_amount = CAST('100000' AS bigint), settle_at = CAST('2026-11-27 03:00:00+00' AS timestamp with time zone), poll_at = NULL,
    channel_ref = coalesce(CAST(NULL AS text), channel_ref)
WHERE id = CAST(:t_id AS bigint) AND status = '0015'
RETURNING *;
UPDATE account SET balance = balance + CAST('100000' AS bigint)
WHERE merchant_id = CAST(:mid AS bigint) AND kind = CAST('UNSETTLED' AS text) AND balance + CAST('100000' AS bigint) >= 0
RETURNING id;
WITH j AS (INSERT INTO journal (kind, trade_id, merchant_id, reason)
           VALUES (CAST('PAYIN_SUCCESS' AS character varying), CAST(:t_id AS bigint), CAST(:mid AS bigint), CAST(NULL AS text)) RETURNING id)
INSERT INTO posting (journal_id, account_id, amount)
SELECT j.id, p.account_id, p.amount FROM j, (VALUES (CAST(:plat_channel_clearing_simulator_brl AS bigint), CAST('-100000' AS bigint)), (CAST(:acc_unsettled AS bigint), CAST('100000' AS bigint))) AS p(account_id, amount);
INSERT INTO notification (trade_id, next_attempt_at) VALUES (CAST(:t_id AS bigint), now()) RETURNING id
\gset n_
COMMIT;
SELECT j.id AS journal_id, j.kind AS journal_kind, j.created_at, a.kind AS account_kind,
       a.merchant_id, a.channel, a.currency, p.amount
FROM journal j JOIN posting p ON p.journal_id = j.id JOIN account a ON a.id = p.account_id
WHERE j.trade_id = CAST(:t_id AS bigint) ORDER BY j.id, p.id;
SELECT id, status, attempts, next_attempt_at, created_at, finished_at
FROM notification WHERE trade_id = CAST(:t_id AS bigint) ORDER BY id;
BEGIN;
UPDATE notification SET attempts = attempts + 1, next_attempt_at = now() + CAST('30000' AS double precision) * interval '1 ms'
WHERE id IN (SELECT id FROM notification WHERE status = 'PENDING' AND next_attempt_at <= now()
             ORDER BY next_attempt_at LIMIT CAST('32' AS bigint) FOR UPDATE SKIP LOCKED)
RETURNING id, trade_id, attempts;
COMMIT;
SELECT attempt_no, started_at, url, http_status, latency_ms, response_head, error, delivered
FROM notify_attempt WHERE notification_id = CAST(:n_id AS bigint) ORDER BY attempt_no;
SELECT * FROM trade WHERE id = CAST(:t_id AS bigint);
BEGIN;
INSERT INTO notify_attempt (notification_id, attempt_no, started_at, url, http_status, latency_ms,
    response_head, error, delivered)
VALUES (CAST(:n_id AS bigint), CAST('1' AS integer), CAST('2026-11-26 03:07:23.318708+00' AS timestamp with time zone), CAST('http://127.0.0.1:44951/notify' AS text), CAST('200' AS integer), CAST('2' AS integer), CAST('OK' AS text), CAST(NULL AS text), CAST('t' AS boolean))
ON CONFLICT (notification_id, attempt_no) DO NOTHING;
UPDATE notification SET status = CAST('DELIVERED' AS character varying), next_attempt_at = CAST(NULL AS timestamp with time zone),
    finished_at = CASE WHEN CAST('DELIVERED' AS text) = 'PENDING' THEN NULL ELSE now() END
WHERE id = CAST(:n_id AS bigint) AND attempts = CAST('1' AS integer) AND status = 'PENDING';
COMMIT;
