package org.openpaypro.channel.simulator;

import java.util.Locale;
import org.openpaypro.protocol.TradeStatus;

/**
 * Renders the self-contained HTML5 page of the sandbox PIX cashier: merchant, amount, the BR Code as an inline SVG
 * QR code and as copy-paste text, the payment status and, while the payment is pending ("0015"), "Pay" / "Fail"
 * buttons that POST the simulated outcome as JSON to the view's {@code completePath} and then reload the page.
 * No external resources: CSS and JS are inline, and every dynamic value is HTML-escaped.
 *
 * <p>Thread-safe: stateless, all methods are pure static functions.
 */
public final class CashierPage {

    /** Wire status of a payment still waiting for the payer; only then are the Pay / Fail buttons shown. */
    public static final String STATUS_PENDING = TradeStatus.PROCESSING.wire();

    private static final int QR_MODULE_PX = 5;

    private static final String CSS = ""
            + "body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#f3f4f6;margin:0;"
            + "color:#111827}"
            + "main{max-width:420px;margin:2rem auto;background:#fff;border-radius:12px;padding:1.5rem;"
            + "box-shadow:0 1px 4px rgba(0,0,0,.12)}"
            + "h1{font-size:1.1rem;margin:0 0 1rem;color:#6b7280}"
            + ".merchant{font-size:1.2rem;font-weight:600}"
            + ".amount{font-size:2rem;font-weight:700;margin:.25rem 0 1rem}"
            + ".qr{text-align:center}.qr svg{max-width:100%;height:auto}"
            + "textarea{width:100%;box-sizing:border-box;font-family:monospace;font-size:.8rem;height:6rem}"
            + ".status{margin:1rem 0}.muted{color:#6b7280;font-size:.85rem}"
            + "button{font-size:1rem;padding:.6rem 1.4rem;border:0;border-radius:8px;cursor:pointer;"
            + "margin-right:.5rem;color:#fff}"
            + "button.pay{background:#059669}button.fail{background:#dc2626}button:disabled{opacity:.5}"
            + "#error{color:#dc2626}";

    private static final String SCRIPT = ""
            + "(function(){"
            + "var form=document.getElementById('simulate');if(!form)return;"
            + "var err=document.getElementById('error');"
            + "var buttons=form.querySelectorAll('button[data-status]');"
            + "form.addEventListener('submit',function(e){e.preventDefault();});"
            + "buttons.forEach(function(b){b.addEventListener('click',function(e){"
            + "e.preventDefault();"
            + "var body={status:b.dataset.status};if(b.dataset.message){body.message=b.dataset.message;}"
            + "buttons.forEach(function(x){x.disabled=true;});err.textContent='';"
            + "fetch(form.dataset.completePath,{method:'POST',headers:{'Content-Type':'application/json',"
            + "'X-Cashier-Token':form.dataset.token||''},body:JSON.stringify(body)})"
            + ".then(function(r){if(!r.ok){throw new Error('HTTP '+r.status);}location.reload();})"
            + ".catch(function(ex){err.textContent='Request failed: '+ex.message;"
            + "buttons.forEach(function(x){x.disabled=false;});});"
            + "});});"
            + "})();";

    private CashierPage() {
    }

    /**
     * The Content-Security-Policy of the page: nothing but its own inline style and script (by hash), fetches to
     * itself, no framing, no forms elsewhere, no base URL.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src '" + sha256(SCRIPT)
            + "'; style-src '" + sha256(CSS) + "'; img-src 'self' data:; connect-src 'self'; form-action 'self'; "
            + "base-uri 'none'; frame-ancestors 'none'";

    private static String sha256(String text) {
        try {
            return "sha256-" + java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest
                    .getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Renders the complete page for {@code view}. */
    public static String render(CashierView view) {
        return render(view, null);
    }

    /** Renders the page; the Pay / Fail buttons send {@code csrfToken} in the X-Cashier-Token header. */
    public static String render(CashierView view, String csrfToken) {
        if (view == null) {
            throw new IllegalArgumentException("view is null");
        }
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n")
                .append("<meta name=\"robots\" content=\"noindex\">\n")
                .append("<title>OpenPayPro sandbox cashier</title>\n")
                .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n<main>\n")
                .append("<h1>OpenPayPro sandbox cashier</h1>\n")
                .append("<div class=\"merchant\">").append(escape(view.merchantName())).append("</div>\n")
                .append("<div class=\"amount\">").append(escape(view.amountText())).append(' ')
                .append(escape(view.currency())).append("</div>\n");
        String brCode = view.brCode();
        if (brCode != null && !brCode.isEmpty()) {
            h.append("<div class=\"qr\">").append(QrSvg.svg(brCode, QR_MODULE_PX)).append("</div>\n")
                    .append("<p class=\"muted\">PIX copy-paste code:</p>\n")
                    .append("<textarea readonly aria-label=\"PIX copy-paste code\">").append(escape(brCode))
                    .append("</textarea>\n");
        }
        h.append("<p class=\"status\">Status: <strong id=\"status\">").append(escape(view.statusWire()))
                .append("</strong></p>\n")
                .append("<p class=\"muted\">Trade no. ").append(escape(view.platformTradeNo())).append("</p>\n");
        if (STATUS_PENDING.equals(view.statusWire())) {
            h.append("<form id=\"simulate\" data-complete-path=\"").append(escape(view.completePath()))
                    .append(csrfToken == null ? "" : "\" data-token=\"" + escape(csrfToken)).append("\">\n")
                    .append("<button type=\"button\" class=\"pay\" data-status=\"0000\">Pay</button>")
                    .append("<button type=\"button\" class=\"fail\" data-status=\"00029\""
                            + " data-message=\"payer declined\">Fail</button>\n")
                    .append("</form>\n<p id=\"error\" role=\"alert\"></p>\n")
                    .append("<script>").append(SCRIPT).append("</script>\n");
        }
        String returnUrl = view.returnUrl();
        if (returnUrl != null && isHttpUrl(returnUrl)) {
            h.append("<p><a href=\"").append(escape(returnUrl)).append("\">Back to merchant</a></p>\n");
        }
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    /** Escapes text for HTML element content and quoted attribute values; null becomes the empty string. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Only http(s) return links are rendered, so a "javascript:" URL can never become a clickable link. */
    private static boolean isHttpUrl(String url) {
        String u = url.strip().toLowerCase(Locale.ROOT);
        return u.startsWith("https://") || u.startsWith("http://");
    }
}
