-- CHECKED-IN COPY, used only when bench/run cannot capture the statements itself (e.g. OPENPAYPRO_DB_URL with
-- a log directory the driver cannot read). Copied from bench/results/2026-11-26-vm-pgbench/ after the full run of
-- docs/PERFORMANCE.md; regenerate by copying bench/results/<date>-<host>-pgbench/*.sql here after a run.
-- pgbench script of one OpenPayPro "payin-create" request: the SQL the gateway sent
-- for it, captured from PostgreSQL (log_statement = 'all') by org.openpaypro.bench.Bench on 2026-11-26;
-- 1 transaction(s), 1 statements including BEGIN/COMMIT. Request values are variables; ids come from -D (see
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
    CAST('10.00' AS character varying), CAST('0' AS bigint), CAST('Paying' AS text), CAST('http://127.0.0.1:44951/notify' AS text), CAST(NULL AS text), CAST('bench' AS text), CAST(CAST('{"name":"Ana Souza","identityType":"CPF","userIdentity":"12345678909","paymentUrl":"http://localhost:46705/cashier/9eycpo4ch8vyy3ws","qrCode":"00020101021226480014br.gov.bcb.pix0126pix@sandbox.openpaypro.org520400005303986540510.005802BR5908BENCH 506009SAO PAULO622005169eycpo4ch8vyy3ws630498AB"}' AS jsonb) AS jsonb),
    CAST('SIMULATOR' AS character varying), CAST('S9EYCPO4CH' AS text), CAST(NULL AS timestamp with time zone))
ON CONFLICT (merchant_id, trade_no) DO NOTHING
RETURNING *;
