package org.openpaypro.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpaypro.testing.Await;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.TestMerchant;
import org.openpaypro.web.Browser;

/**
 * The merchant portal in a real browser (issue 14): a person logs in, changes the first password, reads and rotates
 * the key, works with trades and callbacks; every page is checked by {@link Browser} (no console error, no request
 * outside the gateway, screenshot saved).
 */
class PortalBrowserIT {
    @AutoClose
    private static TestGateway gateway;
    @AutoClose
    private static Browser browser;

    @BeforeAll
    static void start() {
        gateway = TestGateway.startNew(Map.of());
        browser = Browser.start(gateway.baseUrl(), "portal");
    }

    /** A merchant with one user of {@code role}; returns the user's temporary password. */
    static String newUser(TestMerchant merchant, String email, String role) {
        var answer = gateway.admin("POST", "/admin/v1/merchants/" + merchant.merchantNo() + "/users",
                Map.of("email", email, "role", role));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("temporaryPassword").asText();
    }

    @BeforeEach
    void startSignedOut() {
        browser.forgetCookies();
    }

    static void logIn(String email, String password) {
        browser.open("/portal/login").fill("Email", email).fill("Password", password).press("Log in");
    }

    @Test
    void a_wrong_password_is_refused_and_repeated_failures_block_the_account_for_a_while() {
        TestMerchant merchant = gateway.createMerchant();
        String email = "wrong-" + merchant.merchantNo() + "@example.com";
        String temporary = newUser(merchant, email, "OWNER");

        logIn(email, "not the password at all");
        assertThat(browser.text()).contains("The email, password or code is not right");
        assertThat(browser.hasButton("Log out")).isFalse();
        for (int i = 0; i < 4; i++) {
            logIn(email, "still not the password " + i);
        }
        logIn(email, temporary);
        assertThat(browser.text()).contains("Too many failed attempts");
        assertThat(browser.hasButton("Log out")).as("even the right password waits").isFalse();
    }

    @Test
    void the_first_login_asks_for_a_new_password_and_then_shows_the_merchant_number() {
        TestMerchant merchant = gateway.createMerchant();
        String email = "first-" + merchant.merchantNo() + "@example.com";
        String temporary = newUser(merchant, email, "OWNER");

        logIn(email, temporary);
        assertThat(browser.path()).isEqualTo("/portal/password");
        browser.open("/portal");
        assertThat(browser.path()).as("nothing else before the password is changed").isEqualTo("/portal/password");
        browser.fill("New password", "a long new password 1").fill("Repeat new password", "a different one 22")
                .press("Save the new password");
        assertThat(browser.text()).contains("The two passwords are not the same");
        browser.fill("New password", "a long new password 1").fill("Repeat new password", "a long new password 1")
                .press("Save the new password");
        assertThat(browser.path()).startsWith("/portal");
        assertThat(browser.text()).contains("Your new password is saved").contains(merchant.merchantNo());
        browser.logOut();
        assertThat(browser.text()).contains("You are logged out");
        logIn(email, "a long new password 1");
        assertThat(browser.textOf("merchant-no")).isEqualTo(merchant.merchantNo());
        browser.logOut();
    }

    /** A merchant with a signed-in owner who has chosen a password. */
    record Owner(TestMerchant merchant, String email, String password) {
    }

    static Owner ownerSignedIn() {
        TestMerchant merchant = gateway.createMerchant();
        String email = "owner-" + merchant.merchantNo() + "@example.com";
        logIn(email, newUser(merchant, email, "OWNER"));
        String password = "owner password " + merchant.merchantNo();
        browser.fill("New password", password).fill("Repeat new password", password).press("Save the new password");
        assertThat(browser.heading()).isEqualTo("Home");
        return new Owner(merchant, email, password);
    }

    private static String balanceCode(TestMerchant merchant, String key) {
        return gateway.signed("/v1/paypro/queryBalance", merchant.merchantNo(), key, Map.of()).code();
    }

    @Test
    void the_key_shows_only_after_the_password_and_after_a_rotation_the_merchant_api_accepts_the_new_key() {
        Owner owner = ownerSignedIn();
        assertThat(browser.text()).doesNotContain(owner.merchant().secret());
        browser.fill("Password", "not my password").press("Show the key");
        assertThat(browser.text()).contains("That password is not right").doesNotContain(owner.merchant().secret());
        browser.fill("Password", owner.password()).press("Show the key");
        assertThat(browser.textOf("merchant-key")).isEqualTo(owner.merchant().secret());

        browser.choose("Grace period", "None: it stops now").fill("Your password", owner.password())
                .press("Rotate the key");
        assertThat(browser.text()).contains("The key was rotated").contains("stopped working now");
        String newKey = browser.textOf("merchant-key");
        assertThat(newKey).isNotEqualTo(owner.merchant().secret());
        assertThat(balanceCode(owner.merchant(), newKey)).isEqualTo("0000");
        assertThat(balanceCode(owner.merchant(), owner.merchant().secret())).isNotEqualTo("0000");
        var audit = gateway.admin("GET", "/admin/v1/audit?limit=20", null).json().get("entries");
        assertThat(audit.findValues("action").stream().map(Object::toString).toList())
                .contains("\"merchant.secret.rotate\"");
        assertThat(audit.findValues("actor").stream().map(node -> node.asText()).toList())
                .contains("portal:" + owner.email());
        browser.logOut();
    }

    @Test
    void a_developer_sets_the_notify_url_and_allow_list_and_sees_the_canonical_string_of_a_pasted_body() {
        Owner owner = ownerSignedIn();
        browser.follow("Developers");
        assertThat(browser.text()).contains("/v1/paypro/payin").contains(owner.merchant().merchantNo());
        browser.fill("Default notify URL", "https://merchant.example/callbacks").press("Save the notify URL");
        assertThat(browser.text()).contains("The default notify URL is saved");
        assertThat(browser.field("Default notify URL").getAttribute("value"))
                .isEqualTo("https://merchant.example/callbacks");
        browser.fill("Allowed addresses", "203.0.113.7\nnot-an-address").press("Save the allow-list");
        assertThat(browser.text()).contains("Not an IPv4/IPv6 address or CIDR: not-an-address")
                .contains("Nothing was changed");
        browser.fill("Allowed addresses", "203.0.113.0/24").press("Save the allow-list");
        assertThat(browser.text()).contains("The IP allow-list is saved");
        var merchant = gateway.admin("GET", "/admin/v1/merchants/" + owner.merchant().merchantNo(), null).json();
        assertThat(merchant.path("notifyUrl").asText()).isEqualTo("https://merchant.example/callbacks");

        browser.fill("Request body", "{\"merchantNo\":\"123\",\"amount\":\"10.00\",\"sign\":\"x\","
                + "\"timestamp\":\"1700000000000\"}").press("Show the canonical string");
        assertThat(browser.textOf("canonical")).as("what the server signs, sign left out").isEqualTo(
                org.openpaypro.protocol.Signer.canonical(Map.of("merchantNo", "123", "amount", "10.00",
                        "timestamp", "1700000000000")));
        browser.fill("Request body", "{not json").press("Show the canonical string");
        assertThat(browser.text()).contains("That body cannot be signed");
        browser.logOut();
    }

    @Test
    void an_owner_invites_a_user_who_logs_in_with_the_temporary_password_and_removes_them_again() {
        Owner owner = ownerSignedIn();
        browser.follow("Team");
        String invited = "dev-" + owner.merchant().merchantNo() + "@example.com";
        browser.fill("Email", invited).choose("Role", "Developer").press("Invite");
        assertThat(browser.text()).contains(invited + " is invited as DEVELOPER");
        String temporary = browser.textOf("temporary-password");
        browser.fill("Email", invited).press("Invite");
        assertThat(browser.text()).contains("already has an account");
        browser.logOut();
        logIn(invited, temporary);
        assertThat(browser.path()).isEqualTo("/portal/password");
        browser.logOut();
        logIn(owner.email(), owner.password());
        browser.follow("Team");
        assertThat(browser.hasButton("Remove")).isTrue();
        browser.press("Remove");
        assertThat(browser.text()).contains("The user was removed").doesNotContain(invited);
        browser.logOut();
        logIn(invited, temporary);
        assertThat(browser.text()).contains("The email, password or code is not right");
    }

    @Test
    void a_viewer_sees_no_change_actions_and_a_change_posted_anyway_is_refused() {
        Owner owner = ownerSignedIn();
        browser.logOut();
        String viewer = "viewer-" + owner.merchant().merchantNo() + "@example.com";
        logIn(viewer, newUser(owner.merchant(), viewer, "VIEWER"));
        String password = "viewer password " + owner.merchant().merchantNo();
        browser.fill("New password", password).fill("Repeat new password", password).press("Save the new password");
        assertThat(browser.text()).contains(owner.merchant().merchantNo()).contains("Available");
        assertThat(browser.hasButton("Show the key")).isFalse();
        assertThat(browser.hasButton("Rotate the key")).isFalse();
        browser.follow("Developers");
        assertThat(browser.hasButton("Save the notify URL")).isFalse();
        assertThat(browser.hasButton("Save the allow-list")).isFalse();
        assertThat(browser.hasButton("Create a test pay-in")).isFalse();
        assertThat(browser.hasButton("Show the canonical string")).as("reading is allowed").isTrue();
        browser.follow("Team");
        assertThat(browser.hasButton("Invite")).isFalse();
        assertThat(browser.hasButton("Remove")).isFalse();
        browser.logOut();

        org.openpaypro.web.WebClient client = new org.openpaypro.web.WebClient(gateway.baseUrl());
        client.logInToPortal(viewer, password);
        client.get("/portal");
        for (String path : java.util.List.of("/portal/key/reveal", "/portal/key/rotate",
                "/portal/developers/notify-url", "/portal/team/invite")) {
            var answer = client.submit(path, Map.of("password", password, "graceHours", "0",
                    "notifyUrl", "https://evil.example/", "email", "x@example.com", "role", "OWNER"));
            assertThat(answer.statusCode()).as(path).isEqualTo(403);
            assertThat(answer.body()).contains("Your role does not allow you to");
        }
        assertThat(balanceCode(owner.merchant(), owner.merchant().secret())).as("key unchanged").isEqualTo("0000");
    }

    @Test
    void in_sandbox_mode_the_test_payin_button_opens_the_cashier_of_a_new_payin() {
        ownerSignedIn();
        browser.follow("Developers").press("Create a test pay-in");
        assertThat(browser.text()).contains("Save a default notify URL first");
        browser.fill("Default notify URL", "http://127.0.0.1:9/callbacks").press("Save the notify URL")
                .press("Create a test pay-in");
        assertThat(browser.path()).startsWith("/cashier/");
        browser.open("/portal");
        browser.logOut();
    }

    private static String payin(TestMerchant merchant, String tradeNo, String notifyUrl) {
        var client = org.openpaypro.sdk.PayProClient.builder().baseUrl(gateway.baseUrl())
                .merchantNo(merchant.merchantNo()).secretKey(merchant.secret()).build();
        return client.payin(org.openpaypro.sdk.PayinRequest.brazil(tradeNo, "25.50", "Ana", "12345678909", notifyUrl,
                "r")).dataOrThrow().platFormTradeNo();
    }

    private static void complete(String platformTradeNo, String status) {
        var answer = gateway.admin("POST", "/sandbox/v1/trades/" + platformTradeNo + "/complete",
                Map.of("status", status));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    private static String download(String path) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.baseUrl() + path))
                .header("Cookie", browser.cookieHeader()).build();
        var answer = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        return answer.body();
    }

    @Test
    void trades_filter_by_status_and_the_csv_export_holds_what_the_operator_api_exports_for_the_same_filter()
            throws Exception {
        Owner owner = ownerSignedIn();
        String prefix = "t" + owner.merchant().merchantNo();
        String won = payin(owner.merchant(), prefix + "-won", "http://127.0.0.1:9/cb");
        String lost = payin(owner.merchant(), prefix + "-lost", "http://127.0.0.1:9/cb");
        payin(owner.merchant(), prefix + "-open", "http://127.0.0.1:9/cb");
        complete(won, "0000");
        complete(lost, "00029");

        browser.follow("Trades");
        assertThat(browser.text()).contains(prefix + "-won", prefix + "-lost", prefix + "-open");
        browser.choose("Status", "Success").press("Filter");
        assertThat(browser.text()).contains(prefix + "-won").doesNotContain(prefix + "-lost")
                .doesNotContain(prefix + "-open");
        String csv = download(browser.linkTarget("Export CSV"));
        String api = gateway.admin("GET", "/admin/v1/trades.csv?merchantNo=" + owner.merchant().merchantNo()
                + "&status=0000", null).body();
        assertThat(csv).isEqualTo(api);
        assertThat(csv.lines().count()).as("header and the one successful trade").isEqualTo(2);
        assertThat(csv).contains(won).doesNotContain(lost);

        browser.choose("Status", "Any").fill("platFormTradeNo", lost).press("Filter");
        assertThat(browser.text()).contains(prefix + "-lost").doesNotContain(prefix + "-won");
        browser.fill("From", "01/01/2001").press("Filter");
        browser.resize(900, 820);
        browser.open("/portal");
        assertThat(browser.text()).contains("Last 30 days").contains("25.50 BRL");
        browser.saveScreenshot(java.nio.file.Path.of("target", "readme", "portal-home.png"));
        browser.resize(1280, 1000);
        browser.logOut();
    }

    @Test
    void sending_a_callback_again_adds_a_new_attempt_to_the_trade_detail() throws Exception {
        try (var receiver = new org.openpaypro.testing.CallbackReceiver()) {
            Owner owner = ownerSignedIn();
            String tradeNo = "cb" + owner.merchant().merchantNo();
            String platformTradeNo = payin(owner.merchant(), tradeNo, receiver.url("/cb"));
            complete(platformTradeNo, "0000");
            browser.follow("Trades").follow(tradeNo);
            assertThat(browser.text()).contains(platformTradeNo).contains("25.50 BRL");
            awaitAttempts(1);
            assertThat(browser.textOf("callbacks")).contains("200").contains("delivered");
            browser.press("Send the callback again");
            assertThat(browser.text()).contains("A new delivery of the callback was queued");
            awaitAttempts(2);
            assertThat(receiver.received("/cb")).hasSizeGreaterThanOrEqualTo(2);
            browser.logOut();
        }
    }

    /** Reloads the trade page until its callback table lists {@code count} attempts (the notifier is async). */
    private static void awaitAttempts(int count) {
        String path = browser.path().replaceAll("\\?.*$", "");
        Await.until("callback attempt " + count + " shown", Duration.ofSeconds(20), () -> {
            if (attemptRows() >= count) {
                return true;
            }
            browser.open(path);
            return false;
        });
    }

    private static long attemptRows() {
        return browser.textOf("callbacks").lines().filter(line -> line.matches("^\\d+ \\d{4}-.*")).count();
    }
}
