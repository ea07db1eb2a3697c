-- pgbench script of one OpenPayPro "payin-create" request: the SQL the gateway sent
-- for it, captured from PostgreSQL (log_statement = 'all') by org.openpaypro.bench.Bench on 2026-12-03;
-- 3 transaction(s), 3 statements including BEGIN/COMMIT. Request values are variables; ids come from -D (see
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
FROM unnest(CAST(CAST(ARRAY[CAST(:mid AS bigint)] AS bigint[]) AS bigint[]), CAST(CAST(ARRAY[CAST(lpad(CAST(:sgn AS text), 32, '0') AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST('1796313080680' AS bigint)] AS bigint[]) AS bigint[]))
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
        CAST(CAST(ARRAY[CAST('{"name":"Ana Souza","qrCode":"00020101021226480014br.gov.bcb.pix0126pix@sandbox.openpaypro.org520400005303986540510.005802BR5908BENCH 506009SAO PAULO62200516hkaj7hgcmtq2ctp163046C5E","paymentUrl":"http://localhost:38683/cashier/hkaj7hgcmtq2ctp1","userIdentity":"12345678909","identityType":"CPF"}' AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST('SHKAJ7HGCM' AS text)] AS text[]) AS text[]), CAST(CAST(ARRAY[CAST('1796312480688' AS bigint)] AS bigint[]) AS bigint[]))
        AS i (id, channel, details, ref, poll)),
attempt AS (
    INSERT INTO channel_attempt (trade_id, operation, channel, outcome, channel_ref)
    SELECT id, 'PAYIN', channel, 'ACCEPTED', ref FROM input)
UPDATE trade SET channel = input.channel, details = CAST(input.details AS jsonb),
    channel_ref = input.ref, poll_at = to_timestamp(input.poll / 1000.0)
FROM input
WHERE trade.id = input.id AND trade.status = '0015'
RETURNING trade.id;
