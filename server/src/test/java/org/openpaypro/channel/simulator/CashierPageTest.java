package org.openpaypro.channel.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CashierPageTest {

    private static final String BR_CODE = BrCode.build("pix@example.com", "Loja", "Rio", 15_000, "T1");

    private static CashierView view(String merchant, String status, String returnUrl) {
        return new CashierView("P20240001", merchant, "150.00", "BRL", status, BR_CODE, returnUrl,
                "/sandbox/pix/P20240001/complete");
    }

    @Test
    void pendingPageHasEverythingAndPayFailButtons() {
        String html = CashierPage.render(view("Loja Exemplo", "0015", "https://merchant.example/return?a=1&b=2"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>OpenPayPro sandbox cashier</title>")
                .contains("Loja Exemplo", "150.00 BRL", "P20240001", "<strong id=\"status\">0015</strong>")
                .contains("<svg xmlns=\"http://www.w3.org/2000/svg\"")
                .contains("<textarea readonly aria-label=\"PIX copy-paste code\">" + BR_CODE + "</textarea>")
                .contains(">Pay</button>", ">Fail</button>", "data-status=\"0000\"", "data-status=\"00029\"",
                        "data-message=\"payer declined\"")
                .contains("data-complete-path=\"/sandbox/pix/P20240001/complete\"")
                .contains("fetch(form.dataset.completePath", "method:'POST'", "'Content-Type':'application/json'",
                        "JSON.stringify(body)", "location.reload()")
                .contains("<a href=\"https://merchant.example/return?a=1&amp;b=2\">Back to merchant</a>")
                .endsWith("</html>\n");
        assertThat(html).doesNotContain("<link", " src=", "@import");
    }

    @Test
    void settledPageHasNoButtonsOrScript() {
        String html = CashierPage.render(view("Loja", "0000", null));
        assertThat(html).contains("<strong id=\"status\">0000</strong>")
                .doesNotContain(">Pay</button>", ">Fail</button>", "<script", "Back to merchant");
    }

    @Test
    void everyDynamicValueIsEscaped() {
        CashierView hostile = new CashierView("<b>t</b>", "<script>alert(1)</script>", "1<2", "\"BRL'",
                "0015", "00020101<img>", "https://x.example/?q=\"><script>", "/c?x=\"><script>");
        String html = CashierPage.render(hostile);
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;t&lt;/b&gt;", "1&lt;2",
                "&quot;BRL&#39;", "00020101&lt;img&gt;", "https://x.example/?q=&quot;&gt;&lt;script&gt;",
                "data-complete-path=\"/c?x=&quot;&gt;&lt;script&gt;\"");
        assertThat(html).doesNotContain("<script>alert", "<b>t</b>", "<img>");
        assertThat(html.split("<script>", -1)).hasSize(2); // only the page's own script
    }

    @Test
    void nonHttpReturnUrlIsNotLinked() {
        assertThat(CashierPage.render(view("Loja", "0000", "javascript:alert(1)"))).doesNotContain("Back to merchant");
        assertThat(CashierPage.render(view("Loja", "0000", "HTTP://merchant.example/"))).contains("Back to merchant");
    }

    @Test
    void nullValuesRenderEmptyAndMissingBrCodeHidesQr() {
        String html = CashierPage.render(new CashierView(null, null, null, null, null, null, null, null));
        assertThat(html).contains("<title>OpenPayPro sandbox cashier</title>").doesNotContain("null", "<svg",
                "<textarea");
        assertThatThrownBy(() -> CashierPage.render(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void escapeHelper() {
        assertThat(CashierPage.escape("<a href=\"x\">Tom & Jerry's</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
        assertThat(CashierPage.escape(null)).isEmpty();
        assertThat(CashierPage.escape("São Paulo")).isEqualTo("São Paulo");
    }

    @Test
    void the_content_security_policy_allows_exactly_the_pages_own_inline_script_and_style() throws Exception {
        String html = CashierPage.render(view("Loja", "0015", null), "abc123");
        String script = html.substring(html.indexOf("<script>") + 8, html.indexOf("</script>"));
        String style = html.substring(html.indexOf("<style>") + 7, html.indexOf("</style>"));
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();
        assertThat(CashierPage.CONTENT_SECURITY_POLICY)
                .contains("script-src 'sha256-" + base64.encodeToString(sha.digest(script.getBytes("UTF-8"))) + "'")
                .contains("style-src 'sha256-" + base64.encodeToString(sha.digest(style.getBytes("UTF-8"))) + "'")
                .contains("frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(html).contains("data-token=\"abc123\"", "'X-Cashier-Token':form.dataset.token");
    }
}
