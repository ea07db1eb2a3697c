package org.openpaypro.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openpaypro.sdk.PayProClient;
import org.openpaypro.sdk.PayinRequest;
import org.openpaypro.testing.Await;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.TestMerchant;
import org.openpaypro.web.Browser;
import org.openpaypro.web.WebClient;

/**
 * The operator console in a real browser (issue 14): operators log in, work the four-eyes queue, a SUPPORT operator
 * sees no money action, the trade list and its CSV match the operator API; every page is checked by {@link Browser}
 * (no console error, no request outside the gateway, screenshot saved). Headers and CSRF on every console route are
 * walked by {@code WebSecurityIT}; here a forged form is refused as a person would meet it.
 */
class ConsoleBrowserIT {
    private static final String PASSWORD = "a long console password 1";
    @AutoClose
    private static TestGateway gateway;
    @AutoClose
    private static Browser browser;

    @BeforeAll
    static void start() {
        gateway = TestGateway.startNew(Map.of("OPENPAYPRO_ADJUSTMENT_APPROVAL_LIMIT", "100.00"));
        browser = Browser.start(gateway.baseUrl(), "console");
    }

    /** An operator made through the operator API; returns its temporary password. */
    static String newOperator(String email, String role) {
        TestGateway.Answer answer = gateway.admin("POST", "/admin/v1/operators", Map.of("email", email, "role", role));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("temporaryPassword").asText();
    }

    /** Logs in with the temporary password and sets {@link #PASSWORD}. */
    static void firstLogIn(String email, String temporary) {
        browser.logOut();
        browser.open("/console/login").fill("Email", email).fill("Password", temporary).press("Log in");
        assertThat(browser.path()).isEqualTo("/console/password");
        browser.fill("New password", PASSWORD).fill("Repeat new password", PASSWORD).press("Save the new password");
        assertThat(browser.text()).contains("Your password was changed");
    }

    static void logIn(String email) {
        browser.logOut();
        browser.open("/console/login").fill("Email", email).fill("Password", PASSWORD).press("Log in");
    }

    @Test
    void an_operator_logs_in_after_a_refused_password_changes_the_first_one_and_sees_every_page() {
        String email = "owner-" + System.nanoTime() + "@ops.example";
        String temporary = newOperator(email, "OWNER");
        browser.logOut();
        browser.open("/console/login").fill("Email", email).fill("Password", "not the password").press("Log in");
        assertThat(browser.text()).contains("The email or password is not right");
        browser.open("/console/login").fill("Email", email).fill("Password", temporary).press("Log in");
        browser.open("/console/trades");
        assertThat(browser.path()).as("nothing opens before the password is changed").isEqualTo("/console/password");
        browser.fill("New password", PASSWORD).fill("Repeat new password", "another long password")
                .press("Save the new password");
        assertThat(browser.text()).contains("The two new passwords are not the same");
        browser.fill("New password", PASSWORD).fill("Repeat new password", PASSWORD).press("Save the new password");
        assertThat(browser.heading()).isEqualTo("Dashboard");
        assertThat(gateway.auditRows("operator.password", email)).isEqualTo(1);
        for (String link : List.of("Merchants", "Trades", "Adjustments", "Channels", "Audit", "Operators")) {
            browser.follow(link);
            assertThat(browser.heading()).isEqualTo(link);
        }
        browser.follow("Dashboard");
        assertThat(browser.text()).contains("Waiting to be delivered").contains("Ledger check");
        browser.press("Run the ledger check now");
        assertThat(browser.textOf("ledger-status")).startsWith("Passed");
        browser.logOut();
        assertThat(browser.text()).contains("You are logged out");
    }

    @Test
    void an_operator_approves_another_operators_adjustment_and_cannot_approve_their_own() {
        TestMerchant merchant = gateway.createMerchant();
        String author = "author-" + System.nanoTime() + "@ops.example";
        String approver = "approver-" + System.nanoTime() + "@ops.example";
        String authorTemporary = newOperator(author, "FINANCE");
        String approverTemporary = newOperator(approver, "FINANCE");
        firstLogIn(approver, approverTemporary);
        firstLogIn(author, authorTemporary);
        browser.open("/console/merchants/" + merchant.merchantNo()).fill("Amount", "500.00")
                .fill("Reason", "opening float").press("Request the adjustment");
        assertThat(browser.text()).contains("waits for a second operator's approval");
        long id = pendingId(merchant);
        assertThat(browser.hasButton("Approve request " + id)).as("no approve button on one's own request").isFalse();
        WebClient forged = new WebClient(gateway.baseUrl());
        forged.get("/console/login");
        forged.submit("/console/login", Map.of("email", author, "password", PASSWORD));
        forged.get("/console/adjustments");
        HttpResponse<String> own = forged.submit("/console/adjustments/" + id + "/approve", Map.of());
        assertThat(own.statusCode()).isEqualTo(403);
        assertThat(own.body()).contains("You cannot approve your own request");
        assertThat(available(merchant)).as("nothing moved").isEqualTo("0.0000");

        logIn(approver);
        browser.follow("Adjustments").press("Approve request " + id);
        assertThat(browser.text()).contains("Request " + id + " is APPLIED");
        assertThat(available(merchant)).isEqualTo("500.0000");
        assertThat(gateway.auditRows("adjustment.approve", merchant.merchantNo())).isEqualTo(1);
        gateway.assertLedgerOk();
        browser.logOut();
    }

    @Test
    void a_support_operator_sees_no_money_action_and_a_forged_money_form_changes_nothing() {
        TestMerchant merchant = gateway.createMerchant();
        String support = "support-" + System.nanoTime() + "@ops.example";
        firstLogIn(support, newOperator(support, "SUPPORT"));
        browser.open("/console/merchants/" + merchant.merchantNo());
        assertThat(browser.hasButton("Request the adjustment")).isFalse();
        assertThat(browser.hasButton("Disable the merchant")).isFalse();
        browser.follow("Adjustments");
        assertThat(browser.hasButton("Run settlement now")).isFalse();
        assertThat(browser.text()).doesNotContain("Approve request");
        WebClient forged = new WebClient(gateway.baseUrl());
        forged.get("/console/login");
        forged.submit("/console/login", Map.of("email", support, "password", PASSWORD));
        forged.get("/console/merchants/" + merchant.merchantNo());
        HttpResponse<String> refused = forged.submit("/console/merchants/" + merchant.merchantNo()
                + "/adjustments", Map.of("amount", "10.00", "reason", "forged"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(available(merchant)).isEqualTo("0.0000");
        assertThat(gateway.auditRows("adjustment.apply", merchant.merchantNo())
                + gateway.auditRows("adjustment.request", merchant.merchantNo())).isZero();
        HttpResponse<String> noToken = forged.post("/console/settlement/run", Map.of());
        assertThat(noToken.statusCode()).as("a form without the CSRF token").isEqualTo(403);
        HttpResponse<String> wrongToken = forged.post("/console/settlement/run", Map.of("csrf", "x" + forged.csrf()));
        assertThat(wrongToken.statusCode()).as("a form with a wrong CSRF token").isEqualTo(403);
        browser.logOut();
    }

    @Test
    void the_trades_filter_and_its_csv_export_match_the_operator_api_and_the_detail_shows_callbacks()
            throws Exception {
        TestMerchant merchant = gateway.createMerchant();
        PayProClient client = PayProClient.builder().baseUrl(gateway.baseUrl()).merchantNo(merchant.merchantNo())
                .secretKey(merchant.secret()).build();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(client.payin(PayinRequest.brazil("c" + System.nanoTime(), "12.0" + i, "Ana", "12345678909",
                    "http://localhost:9/notify", "r")).dataOrThrow().platFormTradeNo());
        }
        assertThat(gateway.admin("POST", "/sandbox/v1/trades/" + made.get(0) + "/complete",
                Map.of("status", "0000")).status()).isEqualTo(200);
        String admin = firstOperator();
        logIn(admin);
        browser.follow("Trades").fill("Merchant number", merchant.merchantNo()).choose("Status", "Processing (0015)")
                .press("Filter");
        JsonNode api = gateway.admin("GET", "/admin/v1/trades?merchantNo=" + merchant.merchantNo() + "&status=0015",
                null).json();
        for (JsonNode trade : api.path("trades")) {
            assertThat(browser.text()).contains(trade.path("platFormTradeNo").asText());
        }
        assertThat(api.path("trades").size()).isEqualTo(2);
        assertThat(browser.text()).doesNotContain(made.get(0));
        String csvPath = browser.linkTarget("Export CSV");
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                gateway.baseUrl() + csvPath)).header("Cookie", browser.cookieHeader()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).isEqualTo(gateway.admin("GET", "/admin/v1/trades.csv?merchantNo="
                + merchant.merchantNo() + "&status=0015", null).body());
        assertThat(csv.body().split("\r\n")).hasSize(3);

        browser.fill("Merchant number", merchant.merchantNo()).choose("Status", "Success (0000)").press("Filter");
        String tradeNo = gateway.admin("GET", "/admin/v1/trades/" + made.get(0), null).json().path("tradeNo").asText();
        browser.follow(tradeNo);
        assertThat(browser.text()).contains("Callback attempts").contains("Ledger postings").contains("PAYIN_SUCCESS");
        Await.until("the first callback attempt on the trade's page", Duration.ofSeconds(20), () -> {
            browser.open("/console/trades/" + made.get(0));
            return browser.text();
        }, text -> text.contains("Attempt 1"));
        assertThat(browser.text()).contains("Attempt 1").contains("no answer").contains("merchantNo: "
                + merchant.merchantNo());
        browser.press("Send the callback again");
        assertThat(browser.text()).contains("A new callback delivery is queued");
        browser.logOut();
    }

    @Test
    void the_dashboard_screenshot_is_saved_for_the_readme() throws Exception {
        TestMerchant merchant = gateway.createMerchant();
        PayProClient client = PayProClient.builder().baseUrl(gateway.baseUrl()).merchantNo(merchant.merchantNo())
                .secretKey(merchant.secret()).build();
        for (int i = 0; i < 4; i++) {
            String platformTradeNo = client.payin(PayinRequest.brazil("d" + System.nanoTime(), "25.0" + i, "Ana",
                    "12345678909", "http://localhost:9/notify", "r")).dataOrThrow().platFormTradeNo();
            if (i < 3) {
                gateway.admin("POST", "/sandbox/v1/trades/" + platformTradeNo + "/complete",
                        Map.of("status", i < 2 ? "0000" : "00029"));
            }
        }
        logIn(firstOperator());
        browser.resize(1100, 760);
        browser.open("/console");
        Path shot = Path.of("target", "screenshots", "console-dashboard.png");
        assertThat(browser.text()).contains("BR/");
        browser.saveScreenshot(shot);
        assertThat(Files.size(shot)).isGreaterThan(1_000);
        browser.resize(1280, 1000);
        browser.logOut();
    }

    /** An OWNER operator with {@link #PASSWORD}, made once. */
    private static synchronized String firstOperator() {
        String email = "admin@ops.example";
        if (gateway.auditRows("operator.password", email) == 0) {
            firstLogIn(email, newOperator(email, "ADMIN"));
        }
        return email;
    }

    private static long pendingId(TestMerchant merchant) {
        for (JsonNode request : gateway.admin("GET", "/admin/v1/adjustments?status=PENDING_APPROVAL", null).json()
                .path("adjustments")) {
            if (request.path("merchantNo").asText().equals(merchant.merchantNo())) {
                return request.path("id").asLong();
            }
        }
        throw new AssertionError("no pending adjustment of " + merchant.merchantNo());
    }

    private static String available(TestMerchant merchant) {
        return gateway.admin("GET", "/admin/v1/merchants/" + merchant.merchantNo(), null).json().path("balances")
                .path("availableAmount").asText();
    }
}
