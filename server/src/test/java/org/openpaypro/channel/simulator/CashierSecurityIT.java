package org.openpaypro.channel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpaypro.sdk.PayinRequest;
import org.openpaypro.testing.ScenarioIT;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * The sandbox cashier against other web sites (issue 10, security 7): its answers forbid framing, sniffing, caching
 * and referrers and allow only its own inline script and style; its Pay / Fail POST is refused (403, nothing
 * changes) unless it is JSON from the gateway's own Origin with the page's token. The JSON APIs say nosniff and
 * no-store too.
 */
class CashierSecurityIT extends ScenarioIT {
    private final HttpClient http = HttpClient.newHttpClient();
    private String trade;
    private String token;

    @BeforeEach
    void a_pending_payin_and_its_cashier_token() throws Exception {
        TestMerchant merchant = gateway.createMerchant();
        trade = client(merchant).payin(PayinRequest.brazil(tradeNo(), "10.00", "Ana", "12345678909",
                "https://merchant.example/n", "r")).dataOrThrow().platFormTradeNo();
        Matcher match = Pattern.compile("data-token=\"([0-9a-f]{64})\"").matcher(page().body());
        assertThat(match.find()).isTrue();
        token = match.group(1);
    }

    private HttpResponse<String> page() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/cashier/" + trade)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> complete(String contentType, Map<String, String> headers, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/cashier/" + trade
                + "/complete")).POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType);
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String status() {
        return trade(trade).get("status").asText();
    }

    @Test
    void the_cashier_page_forbids_framing_sniffing_caching_and_foreign_scripts() throws Exception {
        HttpResponse<String> page = page();
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'", "frame-ancestors 'none'", "script-src 'sha256-",
                        "connect-src 'self'", "form-action 'self'").doesNotContain("unsafe-inline"));
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    @Test
    void a_cross_site_text_plain_or_form_post_is_refused_and_changes_nothing() throws Exception {
        Map<String, Long> before = gateway.snapshot();
        String evil = "https://evil.example";
        for (String contentType : new String[] {"text/plain", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x"}) {
            HttpResponse<String> answer = complete(contentType, Map.of("Origin", evil), "{\"status\":\"0000\"}");
            assertThat(answer.statusCode()).as(contentType).isEqualTo(403);
            assertThat(answer.body()).contains("application/json");
            HttpResponse<String> ownOrigin = complete(contentType, Map.of("Origin", gateway.baseUrl(),
                    "X-Cashier-Token", token), "{\"status\":\"0000\"}");
            assertThat(ownOrigin.statusCode()).as(contentType).isEqualTo(403);
        }
        assertThat(status()).isEqualTo("0015");
        assertThat(gateway.snapshot()).isEqualTo(before);
    }

    @Test
    void json_from_another_origin_without_an_origin_or_without_the_right_token_is_refused() throws Exception {
        Map<String, Long> before = gateway.snapshot();
        Map<String, Map<String, String>> cases = new LinkedHashMap<>();
        cases.put("another origin", Map.of("Origin", "https://evil.example", "X-Cashier-Token", token));
        cases.put("no origin", Map.of("X-Cashier-Token", token));
        cases.put("cross-site fetch", Map.of("Origin", gateway.baseUrl(), "X-Cashier-Token", token,
                "Sec-Fetch-Site", "cross-site"));
        cases.put("no token", Map.of("Origin", gateway.baseUrl()));
        cases.put("another trade's token", Map.of("Origin", gateway.baseUrl(), "X-Cashier-Token",
                new CashierGuard(null, null).token(trade)));
        cases.put("truncated token", Map.of("Origin", gateway.baseUrl(), "X-Cashier-Token", token.substring(1)));
        for (Map.Entry<String, Map<String, String>> entry : cases.entrySet()) {
            HttpResponse<String> answer = complete("application/json", entry.getValue(), "{\"status\":\"0000\"}");
            assertThat(answer.statusCode()).as(entry.getKey()).isEqualTo(403);
            assertThat(answer.body()).as(entry.getKey()).startsWith("{\"error\":");
        }
        assertThat(status()).isEqualTo("0015");
        assertThat(gateway.snapshot()).isEqualTo(before);
    }

    @Test
    void the_pages_own_request_pays_the_payin() throws Exception {
        HttpResponse<String> paid = complete("application/json", Map.of("Origin", gateway.baseUrl(),
                "X-Cashier-Token", token, "Sec-Fetch-Site", "same-origin"), "{\"status\":\"0000\"}");
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        assertThat(paid.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(status()).isEqualTo("0000");
    }

    @Test
    void json_api_answers_say_nosniff_and_no_store() throws Exception {
        for (String path : new String[] {"/health", "/v1/paypro/queryBalance", "/admin/v1/merchants"}) {
            HttpRequest request = path.equals("/health") ? HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                    + path)).GET().build() : HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build();
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(answer.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
        }
    }
}
