package org.openpaypro.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openpaypro.sdk.ApiResult;
import org.openpaypro.sdk.PayProClient;
import org.openpaypro.sdk.PayinData;
import org.openpaypro.sdk.PayinRequest;
import org.openpaypro.sdk.PayoutData;
import org.openpaypro.sdk.PayoutRequest;
import org.openpaypro.testing.Await;
import org.openpaypro.testing.ScenarioIT;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * The dashboard and the alert rules in {@code ops/} against the real gateway: after a little traffic (a pay-in whose
 * callback fails, a payout left processing and made old, a refused request, an unknown path, a ledger check), every
 * metric and label they name is in {@code /metrics}, and the new series say what happened.
 */
class OpsMetricsIT extends ScenarioIT {
    private static final String NOTIFY = "http://localhost:9/notify"; // nothing listens: the callback fails

    @Test
    void every_metric_and_label_the_dashboard_and_the_alerts_use_is_in_the_scrape() throws Exception {
        driveTraffic();
        System.gc(); // the GC pause timer appears with the first collection
        String scrape = waitForScrape(text -> text.contains(
                "openpaypro_notify_attempts_total{outcome=\"connect_error\""));
        List<String> exprs = MetricReferences.expressions(MetricReferencesTest.DASHBOARD, MetricReferencesTest.ALERTS);
        assertThat(exprs).hasSizeGreaterThan(30);
        assertThat(MetricReferences.problems(exprs, MetricReferences.scrape(scrape))).isEmpty();
    }

    @Test
    void requests_are_counted_by_route_template_status_and_envelope_code_never_by_raw_path() {
        TestMerchant merchant = fundedMerchant(null, Map.of());
        String tradeNo = tradeNo();
        ApiResult<PayinData> payin = client(merchant).payin(PayinRequest.brazil(tradeNo, "10.00", "Maria Souza",
                "12345678909", NOTIFY, "m")); // the SDK calls the family path /v1/paypro/payin
        assertThat(payin.accepted()).as(payin.msg()).isTrue();
        TestGateway.Answer refused = gateway.post("/brz-pay/v1/paypro/payin", Map.of("merchantNo",
                merchant.merchantNo(), "sign", "bad", "Content-Type", "application/json"), "{}");
        assertThat(refused.code()).isEqualTo("8000");
        gateway.get("/no/such/path/" + tradeNo);
        gateway.get("/cashier/" + tradeNo);
        double charsetRefusals = value(gateway.get("/metrics").body(), "openpaypro_http_requests_seconds_count",
                "method=\"POST\"", "status=\"400\"");
        TestGateway.Answer latin1 = gateway.post("/admin/v1/merchants", Map.of("Content-Type",
                "application/json; charset=iso-8859-1", "Authorization", "Bearer " + gateway.app().adminToken()), "{}");
        assertThat(latin1.status()).isEqualTo(400); // refused by a before-handler: timed all the same

        String scrape = gateway.get("/metrics").body();
        assertThat(value(scrape, "openpaypro_http_requests_seconds_count", "method=\"POST\"",
                "route=\"/v1/paypro/payin\"", "status=\"200\"", "code=\"0000\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "openpaypro_http_requests_seconds_count", "route=\"/brz-pay/v1/paypro/payin\"",
                "code=\"8000\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "openpaypro_http_requests_seconds_count", "route=\"unmatched\"", "status=\"404\"",
                "code=\"none\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "openpaypro_http_requests_seconds_count", "route=\"/cashier/{platFormTradeNo}\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "openpaypro_http_requests_seconds_count", "method=\"POST\"", "status=\"400\""))
                .isEqualTo(charsetRefusals + 1);
        assertThat(scrape).doesNotContain(tradeNo);
        assertThat(scrape).contains("openpaypro_http_requests_seconds_bucket{code=\"0000\",method=\"POST\","
                + "route=\"/v1/paypro/payin\",status=\"200\",le=\"0.25\"}");
    }

    @Test
    void a_payout_processing_longer_than_the_threshold_shows_as_stuck_and_a_ledger_check_is_recorded() {
        TestMerchant merchant = fundedMerchant("500.00", Map.of());
        ApiResult<PayoutData> payout = client(merchant).payout(pixPayout(tradeNo()));
        assertThat(payout.accepted()).as(payout.msg()).isTrue();
        String platformTradeNo = payout.data().platFormTradeNo();
        gateway.app().database().jdbi().useHandle(handle -> handle.createUpdate(
                "UPDATE trade SET created_at = now() - interval '1 hour' WHERE platform_trade_no = :no")
                .bind("no", platformTradeNo).execute());

        // A scrape reads each gauge on its own, so one that straddles a refresh can show the stuck count of the new
        // refresh and the age of the one before: wait for a scrape that shows both.
        String scrape = waitForScrape(text -> value(text, "openpaypro_trades_stuck", "direction=\"PAYOUT\"") >= 1
                && value(text, "openpaypro_trades_oldest_processing_seconds", "direction=\"PAYOUT\"") >= 3600);
        assertThat(value(scrape, "openpaypro_trades_processing", "direction=\"PAYOUT\"")).isGreaterThanOrEqualTo(1);
        complete(platformTradeNo, Map.of("status", "0000")); // no longer stuck for the other tests

        double checksBefore = value(gateway.get("/metrics").body(), "openpaypro_ledger_checks_total",
                "result=\"ok\"");
        assertThat(gateway.admin("GET", "/admin/v1/ledger/check", null).json().get("ok").asBoolean()).isTrue();
        String after = gateway.get("/metrics").body();
        assertThat(value(after, "openpaypro_ledger_checks_total", "result=\"ok\"")).isEqualTo(checksBefore + 1);
        assertThat(value(after, "openpaypro_ledger_check_ok")).isEqualTo(1.0);
        assertThat(value(after, "openpaypro_ledger_check_last_run_timestamp_seconds"))
                .isGreaterThan(Instant.now().getEpochSecond() - 60);
        assertThat(value(after, "openpaypro_channel_requests_total", "channel=\"simulator\"",
                "operation=\"submit_payout\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(after, "openpaypro_channel_errors_total", "channel=\"simulator\"",
                "operation=\"submit_payout\"")).isEqualTo(0.0);
        assertThat(value(after, "openpaypro_database_up")).isEqualTo(1.0);
    }

    private void driveTraffic() {
        TestMerchant merchant = fundedMerchant("500.00", Map.of());
        PayProClient client = client(merchant);
        ApiResult<PayinData> payin = client.payin(PayinRequest.brazil(tradeNo(), "25.00", "Maria Souza",
                "12345678909", NOTIFY, "ops"));
        assertThat(payin.accepted()).as(payin.msg()).isTrue();
        complete(payin.data().platFormTradeNo(), Map.of("status", "0000"));
        ApiResult<PayoutData> payout = client.payout(pixPayout(tradeNo()));
        assertThat(payout.accepted()).as(payout.msg()).isTrue();
        gateway.admin("GET", "/admin/v1/ledger/check", null);
        gateway.post("/v1/paypro/payout", Map.of("merchantNo", merchant.merchantNo(), "sign", "bad",
                "Content-Type", "application/json"), "{}");
    }

    private static PayoutRequest pixPayout(String tradeNo) {
        return PayoutRequest.brazilPix(tradeNo, "20.00", "Maria Souza", "maria@example.com", "+5511987654321",
                "CPF", "12345678909", "CPF", "12345678909", NOTIFY, "ops");
    }

    /** Scrapes until {@code ready} holds (the periodic gauges refresh every 15 s); fails after 40 s. */
    private String waitForScrape(Predicate<String> ready) {
        return Await.until("a ready scrape", Duration.ofSeconds(40), () -> gateway.get("/metrics").body(), ready);
    }

    /** The sum of every sample of {@code metric} whose labels include all of {@code labels}. */
    private static double value(String scrape, String metric, String... labels) {
        double total = 0;
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(metric) + "(\\{[^\\n]*})? (\\S+)$").matcher(scrape);
        while (line.find()) {
            String set = line.group(1) == null ? "" : line.group(1);
            if (java.util.Arrays.stream(labels).allMatch(set::contains)) {
                total += Double.parseDouble(line.group(2));
            }
        }
        return total;
    }
}
